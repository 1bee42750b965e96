// Column values as the domain spells them, whatever the driver returned.

/** A `date` column as `YYYY-MM-DD` (both drivers return strings; a Date is read as UTC). */
export function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value.slice(0, 10) : null;
}

/** A `numeric(…, 2)` column as its decimal string. */
export function moneyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? value.toFixed(2) : null;
}
