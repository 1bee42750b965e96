/** One event type of events-webhooks.md §2, as `GET /events/types` lists it. */
export interface EventType {
  /** `entity + "." + eventType`, e.g. `connection.activated`. */
  id: string;
  entity: string;
  eventType: string;
  description: string;
}

const define = (id: string, description: string): EventType => {
  const dot = id.indexOf('.');
  return { id, entity: id.slice(0, dot), eventType: id.slice(dot + 1), description };
};

/** The complete list of event types (events-webhooks.md §2); every one may be subscribed to. */
export const eventTypes: readonly EventType[] = [
  define('user.created', 'A user was created.'),
  define('user.updated', 'A user was updated.'),
  define('user.deleted', 'A user was deleted.'),
  define('connection.created', 'A connection was created.'),
  define('connection.updated', 'A connection was updated.'),
  define('connection.activated', 'A connection became active.'),
  define('connection.invalidated', 'A connection was invalidated and needs the user.'),
  define('connection.deleted', 'A connection was deleted.'),
  define('connection.purged', "A connection's stored data was removed."),
  define('connection.stale', 'A connection has not been refreshed for too long.'),
  define('account.created', 'An account was found for the first time.'),
  define('account.updated', "An account's attributes changed."),
  define('transactions.updated', "A connection's transactions were added, modified or removed."),
  define('consent.created', 'A consent was granted.'),
  define('consent.updated', 'A consent was updated.'),
  define('consent.revoked', 'A consent was revoked.'),
  define('consent.expired', 'A consent expired.'),
  define('consent.warning', 'A consent expires soon (once, some days before its expiry).'),
  define('consent.reminder', 'An active consent has not been updated for a reminder interval.'),
  define('job.completed', 'A job finished successfully.'),
  define('job.failed', 'A job failed.'),
  define('job.mfa-required', 'A job is waiting for a multi-factor answer.'),
];

/** The event type with this id, or null. */
export function findEventType(id: string): EventType | null {
  return eventTypes.find((type) => type.id === id) ?? null;
}

/**
 * The `eventType` part of an event type id: what follows `entity + "."`, or after the first dot
 * when the id does not start with the entity.
 */
export function eventTypeOf(entity: string, typeId: string): string {
  if (typeId.startsWith(`${entity}.`)) return typeId.slice(entity.length + 1);
  const dot = typeId.indexOf('.');
  return dot === -1 ? typeId : typeId.slice(dot + 1);
}
