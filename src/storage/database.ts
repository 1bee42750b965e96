/** A row as the driver returns it: column name → value. */
export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /**
   * One statement with `$1…$n` parameters, or, without parameters, a script of several
   * statements whose last result is returned (migrations, pg-boss's locked scripts). A failed
   * script leaves no transaction open.
   */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/**
 * What a driver can do beyond the common SQL surface. Code branches on these, never on the
 * driver's name (ARCHITECTURE §3.5).
 */
export interface Capabilities {
  /** Several processes may share the database (PostgreSQL), or exactly one owns it (PGlite). */
  readonly multiProcess: boolean;
  /** `COPY … FROM STDIN` streams are available for bulk loads. */
  readonly copy: boolean;
  /** `LISTEN`/`NOTIFY` across connections. */
  readonly listenNotify: boolean;
}

/**
 * The storage port: the one way the rest of Tributary reaches its database. Repositories take a
 * `Queryable` so the same code runs inside or outside a transaction.
 */
export interface Database extends Queryable {
  readonly driver: 'embedded' | 'postgres';
  readonly capabilities: Capabilities;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding a session-level advisory lock on `key` (migrations at start). On
   * PGlite, with one connection in one process, the lock is trivially held.
   */
  withAdvisoryLock<T>(key: string, fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** A human description for the banner: `embedded (PGlite)` or `postgresql (host:port/db)`. */
  describe(): string;
  close(): Promise<void>;
}
