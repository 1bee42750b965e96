import type {
  DomainEvent,
  EventListQuery,
  EventStorageField,
  EventsRepository,
  StoredEvent,
} from '../../domain/events/events-types.ts';
import type { FilterCondition } from '../../domain/filters/filter.ts';
import type { Queryable } from '../database.ts';
import { filterToSql, type SqlColumn } from '../filter-sql.ts';

interface EventRow {
  id: string;
  sequence_text: string;
  application_id: string;
  type: string;
  entity: string;
  entity_id: string;
  user_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  [key: string]: unknown;
}

// `sequence` is bigint: drivers hand it back as a string or a BigInt, so it is read as text.
const columns = `id, sequence::text AS sequence_text, application_id, type, entity, entity_id,
  user_id, data, created_at`;

const toEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  sequence: Number(row.sequence_text),
  applicationId: row.application_id,
  type: row.type,
  entity: row.entity,
  entityId: row.entity_id,
  userId: row.user_id,
  data: row.data,
  createdAt: row.created_at,
});

/** Columns behind the storage filter fields; `connection.id` is not one column (below). */
const filterColumns: Record<Exclude<EventStorageField, 'connection.id'>, SqlColumn> = {
  'user.id': { sql: 'user_id', type: 'uuid' },
  'event.entity': { sql: 'entity', type: 'text' },
  'event.typeId': { sql: 'type', type: 'text' },
  'event.eventType': { sql: 'substr(type, length(entity) + 2)', type: 'text' },
  'event.createdDate': { sql: 'created_at', type: 'timestamptz' },
};

/**
 * An event concerns a connection when it is that connection, or its data names it as the
 * domain's `connectionIdOf` reads it, or (consents) one of its arrangements does. Only `eq`.
 */
function connectionSql(condition: FilterCondition, param: number): string {
  if (condition.op !== 'eq' || condition.values.length !== 1) {
    throw new Error(`events filter: "${condition.op}" not supported on connection.id`);
  }
  const p = `$${param}::text`;
  return `((entity = 'connection' AND entity_id = ${p})
    OR data->>'connectionId' = ${p}
    OR (jsonb_typeof(data->'connection') = 'string' AND data->>'connection' = ${p})
    OR data->'connection'->>'id' = ${p}
    OR (jsonb_typeof(data->'arrangements') = 'array'
        AND data->'arrangements' @> jsonb_build_array(jsonb_build_object('connection', ${p}))))`;
}

/** `WHERE` of every query: the application, retention, and the filter, from `$1`. */
function whereOf(query: Pick<EventListQuery, 'applicationId' | 'filter' | 'notBefore'>): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [query.applicationId, query.notBefore];
  const byConnection = query.filter.filter((condition) => condition.field === 'connection.id');
  const rest = query.filter.filter((condition) => condition.field !== 'connection.id');
  const where = filterToSql(rest, filterColumns, params.length + 1);
  params.push(...where.params);
  const parts = ['application_id = $1', 'created_at >= $2', where.sql];
  for (const condition of byConnection) {
    params.push(condition.values[0]);
    parts.push(connectionSql(condition, params.length));
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * An event's row and its outbox row, as CTEs (`event`, `outboxed`) of a statement, parameters
 * from `$first`; `guard`, when given, is a condition the event is written under.
 * `serialised`: the database runs one transaction at a time (PGlite), so commit order is already
 * insertion order and the ordering lock below is not needed.
 */
export function eventInsert(
  event: DomainEvent,
  first: number,
  serialised: boolean,
  guard = '',
): { ctes: string; params: unknown[] } {
  const p = (k: number) => `$${first + k}`;
  // `sequence` must follow commit order (events-webhooks.md §1): a transaction-scoped lock
  // taken just before the row (and its sequence number) is made makes event writers commit
  // one after another from here on, so no reader can see sequence n+1 before n is visible.
  // Events are written last in their transactions (or statements), so the lock is held only
  // until the commit that follows. The lock is the row's source, so it is taken before the row.
  const source = serialised ? '' : ` FROM (SELECT pg_advisory_xact_lock(hashtext(${p(8)}))) l`;
  return {
    ctes: `event AS (
        INSERT INTO events (id, application_id, type, entity, entity_id, user_id, data, created_at)
        SELECT ${p(0)}::uuid, ${p(1)}::uuid, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text,
          ${p(5)}::uuid, ${p(6)}::jsonb, ${p(7)}::timestamptz${source}
        ${guard === '' ? '' : `WHERE ${guard}`}
        RETURNING id, created_at
      ),
      outboxed AS (INSERT INTO outbox (event_id, created_at) SELECT id, created_at FROM event)`,
    params: [
      event.id,
      event.applicationId,
      event.type,
      event.entity,
      event.entityId,
      event.userId,
      JSON.stringify(event.data),
      event.createdAt,
      ...(serialised ? [] : ['tributary:events']),
    ],
  };
}

/**
 * `serialised`: the database runs one transaction at a time (PGlite), so commit order is already
 * insertion order and the lock below is not needed.
 */
export function createEventsRepository(
  db: Queryable,
  options: { serialised?: boolean } = {},
): EventsRepository {
  return {
    async append(event) {
      const insert = eventInsert(event, 1, options.serialised === true);
      await db.query(`WITH ${insert.ctes} SELECT 1`, insert.params);
    },

    async list(query) {
      const where = whereOf(query);
      const { rows: counted } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE ${where.sql}`,
        where.params,
      );
      const params = [...where.params];
      let keyset = '';
      if (query.afterSequence !== null) {
        params.push(String(query.afterSequence));
        keyset = ` AND sequence ${query.order === 'desc' ? '<' : '>'} $${params.length}::bigint`;
      }
      params.push(query.limit);
      const direction = query.order === 'desc' ? 'DESC' : 'ASC';
      const { rows } = await db.query<EventRow>(
        `SELECT ${columns} FROM events WHERE ${where.sql}${keyset}
         ORDER BY sequence ${direction} LIMIT $${params.length}`,
        params,
      );
      return { rows: rows.map(toEvent), size: counted[0]?.n ?? 0 };
    },

    async find(applicationId, id, notBefore) {
      const { rows } = await db.query<EventRow>(
        `SELECT ${columns} FROM events WHERE application_id = $1 AND id = $2 AND created_at >= $3`,
        [applicationId, id, notBefore],
      );
      return rows[0] ? toEvent(rows[0]) : null;
    },
  };
}
