/** Settings of the test harness itself (operations.md §7.2, "Tests only"). */
export type Driver = 'embedded' | 'postgres';

export const testDatabaseUrl =
  process.env.TRIBUTARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Drivers the runner prepared templates for (scripts/run-tests.ts). */
export const testDrivers: Driver[] = (process.env.TRIBUTARY_TEST_DRIVERS ?? 'embedded')
  .split(',')
  .filter((d): d is Driver => d === 'embedded' || d === 'postgres');

export const embeddedSnapshotPath = process.env.TRIBUTARY_TEST_SNAPSHOT ?? '';
export const postgresTemplate = process.env.TRIBUTARY_TEST_TEMPLATE_DB ?? '';
export const runId = process.env.TRIBUTARY_TEST_RUN_ID ?? `r${process.pid}`;
