import type { Queryable } from '../database.ts';

// Both writes are single statements that can only raise the offset, so concurrent advances from
// several processes add up and a late `raiseTo` never moves the clock back (sandbox.md §5).
const readSql = 'SELECT offset_seconds FROM sandbox_clock WHERE id';
const addSql = `INSERT INTO sandbox_clock (id, offset_seconds) VALUES (true, $1)
  ON CONFLICT (id) DO UPDATE SET offset_seconds = sandbox_clock.offset_seconds + EXCLUDED.offset_seconds
  RETURNING offset_seconds`;
const raiseSql = `INSERT INTO sandbox_clock (id, offset_seconds) VALUES (true, $1)
  ON CONFLICT (id) DO UPDATE SET offset_seconds = GREATEST(sandbox_clock.offset_seconds, EXCLUDED.offset_seconds)
  RETURNING offset_seconds`;

/** `int8` arrives as a string on both drivers. */
function seconds(rows: { offset_seconds: string }[]): number {
  return Number(rows[0]?.offset_seconds ?? 0);
}

/** The one row of the sandbox clock: its offset in whole seconds. */
export function createClockOffsetRepository(db: Queryable) {
  return {
    /** The stored offset; 0 when the row is missing. */
    async offsetSeconds(): Promise<number> {
      const { rows } = await db.query<{ offset_seconds: string }>(readSql, []);
      return seconds(rows);
    },
    /** Adds `delta` (> 0) to the offset; returns the offset after the addition. */
    async add(delta: number): Promise<number> {
      const { rows } = await db.query<{ offset_seconds: string }>(addSql, [delta]);
      return seconds(rows);
    },
    /** Raises the offset to `target` unless it is already larger; returns the offset now stored. */
    async raiseTo(target: number): Promise<number> {
      const { rows } = await db.query<{ offset_seconds: string }>(raiseSql, [target]);
      return seconds(rows);
    },
  };
}

export type ClockOffsetRepository = ReturnType<typeof createClockOffsetRepository>;
