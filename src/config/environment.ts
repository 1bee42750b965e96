/** The process environment; the one read of `process.env` (ARCHITECTURE §4.3). */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
