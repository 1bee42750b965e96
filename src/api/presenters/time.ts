/** RFC 3339 UTC with second precision (api.md §1). */
export function toWireTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
