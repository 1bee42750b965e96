// How the web bank writes money and dates (sandbox.md §4: `-$1,234.56`, `4 Mar 2026`) and how it
// finds D, today's date in Sydney (sandbox.md §2, §5).

/** Integer cents as a bank writes them: `-123456` → `-$1,234.56`, `5` → `$0.05`. */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const magnitude = Math.abs(cents);
  const units = String(Math.floor(magnitude / 100));
  const fraction = magnitude % 100;
  // Thousands separators only where there are thousands (most amounts have none).
  const grouped = units.length > 3 ? units.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : units;
  return `${cents < 0 ? '-' : ''}$${grouped}.${fraction < 10 ? '0' : ''}${fraction}`;
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** A calendar date (`YYYY-MM-DD`) as a bank writes it: `2026-03-04` → `4 Mar 2026`. */
export function formatBankDate(date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return `${Number(day)} ${monthNames[Number(month) - 1] ?? month} ${year}`;
}

const sydneyDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Australia/Sydney',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// The last minute asked for and its date: every page asks, and Intl's formatting is not cheap.
// Sydney's date only changes on a whole minute (its offsets are whole hours or half hours).
let cachedMinute = Number.NaN;
let cachedDate = '';

/** `D`: the calendar date (`YYYY-MM-DD`) in Australia/Sydney at this instant. */
export function sydneyDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute === cachedMinute) return cachedDate;
  const parts = sydneyDateFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  cachedMinute = minute;
  cachedDate = `${part('year')}-${part('month')}-${part('day')}`;
  return cachedDate;
}
