import { connectionIdOf, readUserSnapshot } from '../../domain/events/event-data.ts';
import { eventTypeOf, type EventType } from '../../domain/events/event-catalogue.ts';
import type { StoredEvent } from '../../domain/events/events-types.ts';
import {
  readAccountSnapshot,
  readConnectionSnapshot,
  readJobSnapshot,
} from '../../domain/connections/connection-snapshots.ts';
import { presentAccount, presentConnectionSnapshot, presentJobSnapshot } from './connections.ts';
import { toWireTime } from './time.ts';
import { presentUserInList } from './users.ts';

/** The absolute URL of the resource an event is about (events-webhooks.md §2 `dataRef`). */
export function eventDataRef(base: string, event: StoredEvent): string {
  const user = `${base}/users/${event.userId ?? ''}`;
  switch (event.entity) {
    case 'user':
      return `${base}/users/${event.entityId}`;
    case 'connection':
      return `${user}/connections/${event.entityId}`;
    case 'account':
      return `${user}/accounts/${event.entityId}`;
    case 'transactions': {
      const connectionId = connectionIdOf(event) ?? event.entityId;
      return `${user}/transactions?filter=connection.id.eq('${connectionId}')`;
    }
    case 'consent':
      return `${user}/consents/${event.entityId}`;
    case 'job':
      return `${base}/jobs/${event.entityId}`;
    default:
      // An entity this table does not know yet still points somewhere readable: its user.
      return event.userId === null ? `${base}/events/${event.id}` : user;
  }
}

/**
 * An event's `data`: user events render the stored snapshot as the user object of a list (no
 * `connections`/`accounts`), so it follows the user presenter; everything else (including
 * `user.deleted`'s `{type, id}`) is the stored snapshot as written.
 */
function eventData(base: string, event: StoredEvent): Record<string, unknown> {
  const data = event.data;
  switch (event.entity) {
    case 'user': {
      const user = readUserSnapshot(data);
      return user ? presentUserInList(base, user) : data;
    }
    case 'connection': {
      if (event.type === 'connection.purged' && data.receipt && typeof data.receipt === 'object') {
        return data.receipt as Record<string, unknown>;
      }
      const connection = readConnectionSnapshot(data);
      return connection ? presentConnectionSnapshot(base, connection) : data;
    }
    case 'account': {
      const account = readAccountSnapshot(data);
      return account ? presentAccount(base, account) : data;
    }
    case 'job': {
      const job = readJobSnapshot(data);
      return job ? presentJobSnapshot(base, job) : data;
    }
    case 'transactions':
      // Stored by the engine as counts; anything already in wire form is served as written.
      return data.type === 'transactions' ? data : presentTransactionsChange(base, event);
    default:
      return data;
  }
}

/** `transactions.updated` data (events-webhooks.md §2): `count` is a string, as in Basiq. */
function presentTransactionsChange(base: string, event: StoredEvent): Record<string, unknown> {
  const data = event.data as {
    connectionId?: string;
    added?: number;
    modified?: number;
    removed?: number;
    jobId?: string;
  };
  const connectionId = data.connectionId ?? event.entityId;
  const user = `${base}/users/${event.userId ?? ''}`;
  const added = data.added ?? 0;
  const modified = data.modified ?? 0;
  const removed = data.removed ?? 0;
  return {
    type: 'transactions',
    connection: {
      id: connectionId,
      type: 'connection',
      links: { self: `${user}/connections/${connectionId}` },
    },
    count: String(added + modified + removed),
    added,
    modified,
    removed,
    jobId: data.jobId ?? null,
    links: {
      self: `${user}/transactions?filter=connection.id.eq('${connectionId}')`,
      changes: `${user}/transactions/changes`,
    },
  };
}

/** The event object of events-webhooks.md §1. */
export function presentEvent(base: string, event: StoredEvent) {
  const dataRef = eventDataRef(base, event);
  return {
    type: 'event',
    id: event.id,
    createdDate: toWireTime(event.createdAt),
    entity: event.entity,
    eventType: eventTypeOf(event.entity, event.type),
    eventTypeId: event.type,
    userId: event.userId,
    dataRef,
    data: eventData(base, event),
    sequence: event.sequence,
    links: { self: `${base}/events/${event.id}`, eventEntity: dataRef },
  };
}

/** One entry of `GET /events/types` (events-webhooks.md §3). */
export function presentEventType(base: string, type: EventType) {
  return {
    type: 'event-type',
    id: type.id,
    entity: type.entity,
    eventType: type.eventType,
    description: type.description,
    webhook: true,
    // api.md §1: every resource object carries links.self.
    links: { self: `${base}/events/types/${type.id}` },
  };
}
