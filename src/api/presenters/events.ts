import { connectionIdOf, readUserSnapshot } from '../../domain/events/event-data.ts';
import { eventTypeOf, type EventType } from '../../domain/events/event-catalogue.ts';
import type { StoredEvent } from '../../domain/events/events-types.ts';
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
  if (event.entity === 'user') {
    const user = readUserSnapshot(event.data);
    if (user) return presentUserInList(base, user);
  }
  return event.data;
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
