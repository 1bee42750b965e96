import type { ConnectionJob, JobsRepository } from '../../domain/connections/connection-types.ts';
import type { Queryable, Row } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';
import {
  connectionColumnsAs,
  connectionFromPrefixed,
  successUpdate,
  toConnection,
} from './connections-repository.ts';
import { eventInsert } from './events-repository.ts';
import { dateText } from './values.ts';

const filterColumns: Record<string, SqlColumn> = {
  'connection.id': { sql: 'connection_id', type: 'uuid' },
  // The wire status: waiting and running are both `in-progress`.
  'job.status': {
    sql: "CASE WHEN state IN ('waiting', 'running') THEN 'in-progress' ELSE state END",
    type: 'text',
  },
  'job.trigger': { sql: 'trigger', type: 'text' },
};

function toJob(row: Row): ConnectionJob {
  return {
    id: row.id as string,
    connectionId: row.connection_id as string,
    userId: row.user_id as string,
    applicationId: row.application_id as string,
    institutionId: row.institution_id as string,
    trigger: row.trigger as ConnectionJob['trigger'],
    state: row.state as ConnectionJob['state'],
    steps: row.steps as ConnectionJob['steps'],
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    finishedAt: (row.finished_at as Date | null) ?? null,
    contactedAt: (row.contacted_at as Date | null) ?? null,
    resumeAt: (row.resume_at as Date | null) ?? null,
    waitReason: (row.wait_reason as ConnectionJob['waitReason']) ?? null,
    windowFrom: dateText(row.window_from),
    windowTo: dateText(row.window_to),
    credentialKey: (row.credential_key as string | null) ?? null,
    credentialsHash: (row.credentials_hash as string | null) ?? null,
    bulkId: (row.bulk_id as string | null) ?? null,
    session: (row.session as string | null) ?? null,
    mfaAnswer: (row.mfa_answer as string | null) ?? null,
    mfaAnswerHash: (row.mfa_answer_hash as string | null) ?? null,
    mfaAnsweredAt: (row.mfa_answered_at as Date | null) ?? null,
    relogins: Number(row.relogins),
    runMs: Number(row.run_ms),
  };
}

const columns = `id, connection_id, user_id, application_id, institution_id, trigger, state, steps,
  created_at, updated_at, finished_at, contacted_at, resume_at, wait_reason, window_from, window_to,
  credential_key, credentials_hash, bulk_id, session, mfa_answer, mfa_answer_hash, mfa_answered_at,
  relogins, run_ms`;

/** The job's columns read from table `alias` of a join. */
const qualified = (alias: string) =>
  columns
    .split(',')
    .map((name) => `${alias}.${name.trim()}`)
    .join(', ');

/** The same without the secrets (the sealed session and MFA answer, read as null). */
const shown = columns
  .replace('session,', 'NULL::text AS session,')
  .replace('mfa_answer,', 'NULL::text AS mfa_answer,');

const values = (j: ConnectionJob): unknown[] => [
  j.id,
  j.connectionId,
  j.userId,
  j.applicationId,
  j.institutionId,
  j.trigger,
  j.state,
  JSON.stringify(j.steps),
  j.createdAt,
  j.updatedAt,
  j.finishedAt,
  j.contactedAt,
  j.resumeAt,
  j.waitReason,
  j.windowFrom,
  j.windowTo,
  j.credentialKey,
  j.credentialsHash,
  j.bulkId,
  j.session,
  j.mfaAnswer,
  j.mfaAnswerHash,
  j.mfaAnsweredAt,
  j.relogins,
  j.runMs,
];

/** Whether another unfinished job of the login of job `alias` has reached the bank (§7). */
const loginBusy = (alias: string) =>
  `${alias}.credential_key IS NOT NULL AND EXISTS (
     SELECT 1 FROM connection_jobs o
     WHERE o.credential_key = ${alias}.credential_key AND o.finished_at IS NULL
       AND o.id <> ${alias}.id AND o.contacted_at IS NOT NULL)`;

/** Makes the jobs waiting for the credential key `$param` to be free dispatchable. */
const wakeWaiters = (param: number) =>
  `UPDATE connection_jobs SET dispatched_at = NULL
   WHERE credential_key = $${param} AND finished_at IS NULL AND wait_reason = 'credentials-busy'`;

/** The connection `$param`, locked as a delete locks it, unless it is deleted. */
const liveConnection = (param: number) =>
  `SELECT id FROM connections WHERE id = $${param} AND status <> 'deleted' FOR UPDATE`;

/**
 * The write of a job's own copy while it is unfinished, with the CTEs its options ask for: the
 * statement and its parameters ($1 is the job's id).
 */
function unfinishedUpdate(
  job: ConnectionJob,
  options: Parameters<JobsRepository['updateUnfinished']>[1] = {},
): { sql: string; params: unknown[] } {
  const withSession = options.session !== false;
  const used = options.connectionUsedAt;
  const params: unknown[] = [
    job.id,
    job.state,
    JSON.stringify(job.steps),
    job.updatedAt,
    job.finishedAt,
    job.contactedAt,
    job.resumeAt,
    job.waitReason,
    job.windowFrom,
    job.windowTo,
    job.mfaAnswer,
    job.mfaAnswerHash,
    job.mfaAnsweredAt,
    job.relogins,
    job.runMs,
  ];
  if (withSession) params.push(job.session);
  const ctes: string[] = [];
  if (used !== undefined) {
    params.push(job.connectionId, used);
    // The connection's row is updated (locked) here, which the job's condition waits on.
    ctes.push(`used AS (UPDATE connections SET last_used = $${params.length}
      WHERE id = $${params.length - 1} AND status <> 'deleted' RETURNING id)`);
  }
  const retrieved = options.retrievedAccounts;
  if (retrieved !== undefined) {
    // The connection is locked first, as a delete locks it (then the job, then accounts),
    // and nothing is written when it is deleted.
    params.push(job.connectionId, retrieved.ids, retrieved.at);
    const n = params.length;
    ctes.push(`live AS (${liveConnection(n - 2)}),
      retrieved AS (UPDATE accounts SET last_updated = $${n}
        WHERE id = ANY($${n - 1}::uuid[]) AND EXISTS (SELECT 1 FROM live))`);
  }
  if (options.wakeCredentialWaiters === true && job.credentialKey !== null) {
    params.push(job.credentialKey);
    ctes.push(`woke AS (${wakeWaiters(params.length)} AND id <> $1)`);
  }
  const sql = `${ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : ''}UPDATE connection_jobs
     SET state = $2, steps = $3, updated_at = $4, finished_at = $5,
       contacted_at = $6, resume_at = $7, wait_reason = $8, window_from = $9,
       window_to = $10, mfa_answer = $11, mfa_answer_hash = $12, mfa_answered_at = $13,
       relogins = $14, run_ms = $15,
       lease_owner = CASE WHEN $5::timestamptz IS NULL THEN lease_owner END,
       lease_until = CASE WHEN $5::timestamptz IS NULL THEN lease_until END
       ${withSession ? ', session = $16' : ''}
     WHERE id = $1 AND finished_at IS NULL
       ${used === undefined ? '' : 'AND EXISTS (SELECT 1 FROM used)'}
       ${retrieved === undefined ? '' : 'AND EXISTS (SELECT 1 FROM live)'}`;
  return { sql, params };
}

/**
 * `serialised`: the database runs one transaction at a time (PGlite); the events it writes need
 * no ordering lock (events-repository.ts).
 */
export function createJobsRepository(
  db: Queryable,
  options: { serialised?: boolean } = {},
): JobsRepository {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query(sql, params);
    return rows[0] ? toJob(rows[0]) : null;
  };
  return {
    async insert(job) {
      // Marked dispatched in the same write: the caller sends it once its transaction commits.
      await db.query(
        `INSERT INTO connection_jobs (${columns}, dispatched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
           $19, $20, $21, $22, $23, $24, $25, now())`,
        values(job),
      );
    },
    async update(job) {
      await db.query(
        `UPDATE connection_jobs SET state = $7, steps = $8, updated_at = $10, finished_at = $11,
           contacted_at = $12, resume_at = $13, wait_reason = $14, window_from = $15,
           window_to = $16, session = $20, mfa_answer = $21, mfa_answer_hash = $22,
           mfa_answered_at = $23, relogins = $24, run_ms = $25
         WHERE id = $1 AND connection_id = $2 AND user_id = $3 AND application_id = $4
           AND institution_id = $5 AND trigger = $6 AND created_at = $9
           AND credential_key IS NOT DISTINCT FROM $17 AND credentials_hash IS NOT DISTINCT FROM $18
           AND bulk_id IS NOT DISTINCT FROM $19`,
        values(job),
      );
    },
    async updateUnfinished(job, options = {}) {
      const { sql, params } = unfinishedUpdate(job, options);
      const { rowCount } = await db.query(sql, params);
      return rowCount > 0;
    },
    async finishWithSuccess(job, success, event) {
      // The connection is locked first, as a delete locks it; then the job is written, when it
      // is unfinished; then the connection, the login's waiting jobs and the event, only when
      // the job was. A deleted connection or an ended job: nothing is written.
      // No options: the job's write is a plain UPDATE, which the guard below extends.
      const { sql, params } = unfinishedUpdate(job);
      const first = params.length + 1;
      params.push(
        job.connectionId,
        success.at,
        success.dataAsOf,
        success.windowEnd,
        success.smartCacheNext,
        success.bankSession,
        success.bankSession === null ? null : success.at,
        success.profile === null ? null : JSON.stringify(success.profile),
      );
      const ctes = [
        `live AS (${liveConnection(first)})`,
        `job AS (${sql} AND EXISTS (SELECT 1 FROM live) RETURNING id)`,
        `success AS (${successUpdate(first, 'AND EXISTS (SELECT 1 FROM job)')})`,
      ];
      if (job.credentialKey !== null) {
        params.push(job.credentialKey);
        ctes.push(
          `woke AS (${wakeWaiters(params.length)} AND id <> $1 AND EXISTS (SELECT 1 FROM job))`,
        );
      }
      if (event !== undefined) {
        const insert = eventInsert(
          event,
          params.length + 1,
          options.serialised === true,
          'EXISTS (SELECT 1 FROM job)',
        );
        params.push(...insert.params);
        ctes.push(insert.ctes);
      }
      const { rows } = await db.query(
        `WITH ${ctes.join(', ')}
         SELECT success.* FROM (SELECT 1) one LEFT JOIN success ON true`,
        params,
      );
      const row = rows[0];
      return row?.id ? toConnection(row) : null;
    },
    async touchUnfinished(id, at) {
      const { rowCount } = await db.query(
        'UPDATE connection_jobs SET updated_at = $2 WHERE id = $1 AND finished_at IS NULL',
        [id, at],
      );
      return rowCount > 0;
    },
    find(id, options = {}) {
      return one(
        `SELECT ${options.secrets === false ? shown : columns} FROM connection_jobs
         WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
        [id],
      );
    },
    findUnfinished(connectionId, options = {}) {
      return one(
        `SELECT ${options.secrets === false ? shown : columns} FROM connection_jobs
         WHERE connection_id = $1 AND finished_at IS NULL ${options.lock ? 'FOR UPDATE' : ''}`,
        [connectionId],
      );
    },
    async hasUnfinished(credentialKey) {
      const { rows } = await db.query(
        'SELECT 1 FROM connection_jobs WHERE credential_key = $1 AND finished_at IS NULL LIMIT 1',
        [credentialKey],
      );
      return rows.length > 0;
    },
    async recentFailure(credentialKey, codes, since) {
      const { rows } = await db.query(
        `SELECT 1 FROM connection_jobs
         WHERE credential_key = $1 AND state = 'failed' AND finished_at >= $3
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(steps) AS s
                       WHERE s->>'status' = 'failed' AND s->'result'->>'code' = ANY($2::text[]))
         LIMIT 1`,
        [credentialKey, codes, since],
      );
      return rows.length > 0;
    },
    async refreshState(of, since) {
      // `c_`: no job column starts with it.
      const { rows } = await db.query(
        `SELECT ${connectionColumnsAs('c', 'c_')}, counted.n AS counted_n,
           counted.oldest AS counted_oldest, running.*
         FROM connections c
         CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(created_at) AS oldest
           FROM connection_jobs
           WHERE connection_id = c.id AND trigger IN ('manual-refresh', 'bulk-refresh')
             AND created_at > $3) counted
         LEFT JOIN LATERAL (SELECT ${shown} FROM connection_jobs
           WHERE connection_id = c.id AND finished_at IS NULL LIMIT 1) running ON true
         WHERE c.user_id = $1 AND c.id = $2`,
        [of.userId, of.connectionId, since],
      );
      const row = rows[0];
      if (row === undefined) return null;
      return {
        connection: connectionFromPrefixed(row, 'c_'),
        running: row.id ? toJob(row) : null,
        counted: {
          count: Number(row.counted_n),
          oldest: (row.counted_oldest as Date | null) ?? null,
        },
      };
    },
    async insertIfLive(job) {
      // The connection is share-locked, so a delete (which locks it for update) either finds the
      // job to end or has ended before, and no job is made for a deleted connection; a second
      // unfinished job of the connection is refused by the unique index.
      const { rowCount } = await db.query(
        `INSERT INTO connection_jobs (${columns}, dispatched_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
           $19, $20, $21, $22, $23, $24, $25, now()
         FROM connections WHERE id = $2 AND status <> 'deleted' FOR SHARE
         ON CONFLICT (connection_id) WHERE finished_at IS NULL DO NOTHING`,
        values(job),
      );
      return rowCount > 0;
    },
    async bulkRequestsSince(userId, since) {
      const { rows } = await db.query<{ at: Date }>(
        `SELECT min(created_at) AS at FROM connection_jobs
         WHERE user_id = $1 AND bulk_id IS NOT NULL AND created_at > $2
         GROUP BY bulk_id ORDER BY at`,
        [userId, since],
      );
      return rows.map((row) => row.at);
    },
    async list(userId, filter, after, limit) {
      const where = filterToSql(filter, filterColumns, 2);
      const base = `user_id = $1 AND ${where.sql}`;
      const params: unknown[] = [userId, ...where.params];
      const { rows: counted } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM connection_jobs WHERE ${base}`,
        params,
      );
      const page = [...params];
      let keyset = '';
      if (after) {
        page.push(after.createdAt, after.id);
        keyset = ` AND (created_at, id) < ($${page.length - 1}::timestamptz, $${page.length}::uuid)`;
      }
      page.push(limit);
      const { rows } = await db.query(
        `SELECT ${shown} FROM connection_jobs WHERE ${base}${keyset}
         ORDER BY created_at DESC, id DESC LIMIT $${page.length}`,
        page,
      );
      return { rows: rows.map(toJob), size: counted[0]?.n ?? 0 };
    },
    async listDispatchable(now, redispatchS, limit) {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM connection_jobs
         WHERE finished_at IS NULL
           AND (resume_at IS NULL OR resume_at <= $1)
           AND (lease_until IS NULL OR lease_until < now())
           AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2)
                -- Sent before it was due (a wait, then the clock moved): its time has come.
                OR dispatched_at < now() + (resume_at - $1::timestamptz))
         ORDER BY created_at LIMIT $3`,
        [now, redispatchS, limit],
      );
      return rows.map((row) => row.id);
    },
    async markDispatched(ids) {
      if (ids.length === 0) return;
      await db.query(
        'UPDATE connection_jobs SET dispatched_at = now() WHERE id = ANY($1::uuid[])',
        [ids],
      );
    },
    async claim(id, owner, leaseS) {
      // The run's connection comes back with its job: one statement where a run starts.
      const { rows } = await db.query(
        `UPDATE connection_jobs j
           SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
         FROM connections c
         WHERE j.id = $1 AND c.id = j.connection_id AND j.finished_at IS NULL
           AND (j.lease_until IS NULL OR j.lease_until < now())
         RETURNING ${qualified('j')}, ${connectionColumnsAs('c', 'c_', { bankSession: true })},
           ${loginBusy('j')} AS credentials_busy`,
        [id, owner, leaseS],
      );
      const row = rows[0];
      return row
        ? {
            job: toJob(row),
            connection: connectionFromPrefixed(row, 'c_'),
            credentialsBusy: row.credentials_busy === true,
          }
        : null;
    },
    async renewLease(id, owner, leaseS) {
      const { rows } = await db.query(
        `UPDATE connection_jobs SET lease_until = now() + make_interval(secs => $3)
         WHERE id = $1 AND lease_owner = $2 AND finished_at IS NULL RETURNING id`,
        [id, owner, leaseS],
      );
      return rows.length > 0;
    },
    async releaseLease(id, owner) {
      // A job waiting for its time is left to the tick, which sends it once it is due: also when
      // the clock moved past it while this run held the lease (the tick skips leased jobs). So is
      // a job waiting for its login when the login's other job has finished meanwhile: that job's
      // wake may have come before this run wrote its wait. Any other is marked dispatched, sent
      // again by a wake or after the redispatch interval.
      await db.query(
        `UPDATE connection_jobs j SET lease_owner = NULL, lease_until = NULL,
           dispatched_at = CASE
             WHEN resume_at IS NOT NULL AND wait_reason IS DISTINCT FROM 'credentials-busy'
             THEN NULL
             WHEN wait_reason = 'credentials-busy' AND NOT (${loginBusy('j')}) THEN NULL
             ELSE now() END
         WHERE id = $1 AND lease_owner = $2`,
        [id, owner],
      );
    },
    async releaseAllLeases() {
      const { rowCount } = await db.query(
        `UPDATE connection_jobs SET lease_owner = NULL, lease_until = NULL, dispatched_at = NULL
         WHERE finished_at IS NULL AND lease_owner IS NOT NULL`,
      );
      return rowCount;
    },
    async clearDispatched(now) {
      await db.query(
        `UPDATE connection_jobs SET dispatched_at = NULL
         WHERE finished_at IS NULL AND resume_at IS NOT NULL AND resume_at <= $1`,
        [now],
      );
    },
    async wakeCredentialWaiters(credentialKey) {
      await db.query(wakeWaiters(1), [credentialKey]);
    },
  };
}
