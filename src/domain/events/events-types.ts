import type { Filter } from '../filters/filter.ts';

/** One event: something that happened to a resource, kept for `/events` and sent to webhooks. */
export interface DomainEvent {
  id: string;
  applicationId: string;
  /** The event type id, `entity + "." + eventType`: `user.created`, `job.mfa-required`, … (§2). */
  type: string;
  /** `user`, `connection`, `account`, `transactions`, `consent` or `job` (events-webhooks.md §1). */
  entity: string;
  /**
   * The affected resource's id, which `dataRef` names: the user, connection, account, consent or
   * job id; for `transactions` the connection whose transactions changed.
   */
  entityId: string;
  userId: string | null;
  /**
   * The snapshot at commit time. User events hold `{user}` (rendered by the events presenter);
   * other entities hold their wire object, served as it is. `GET /events?filter=connection.id…`
   * finds an event through `connection` (a string id, or an object with `id`), `connectionId`,
   * or `arrangements[].connection` here, or through `entityId` when the entity is a connection.
   */
  data: Record<string, unknown>;
  createdAt: Date;
}

/** An event as read back: with its deployment-wide `sequence` (events-webhooks.md §1). */
export interface StoredEvent extends DomainEvent {
  sequence: number;
}

/** `sequence` ascending (the default) or descending (**ext** `order=desc`). */
export type EventOrder = 'asc' | 'desc';

/**
 * The fields of the filter a repository receives. The domain rewrites `event.type` into
 * `event.typeId` (a value with a dot) or `event.eventType` (without), so storage needs no rule.
 */
export type EventStorageField =
  | 'user.id'
  | 'event.entity'
  | 'event.typeId'
  | 'event.eventType'
  | 'connection.id'
  | 'event.createdDate';

/** One page request for `GET /events`. */
export interface EventListQuery {
  applicationId: string;
  /** Conditions over `EventStorageField`s, all of which must hold. */
  filter: Filter;
  /** Events created before this instant are past retention and invisible. */
  notBefore: Date;
  order: EventOrder;
  /** The keyset position: only events after this `sequence` in `order`. */
  afterSequence: number | null;
  limit: number;
}

export interface EventsRepository {
  /** Appends the event and its outbox row; call inside the transaction of the change. */
  append(event: DomainEvent): Promise<void>;
  /** A page of the application's events, and `size`: how many match across all pages. */
  list(query: EventListQuery): Promise<{ rows: StoredEvent[]; size: number }>;
  /** The application's event, or null when unknown, another application's or before `notBefore`. */
  find(applicationId: string, id: string, notBefore: Date): Promise<StoredEvent | null>;
}
