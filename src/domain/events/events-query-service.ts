import type { Clock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Filter, FilterCondition, FilterFields } from '../filters/filter.ts';
import type { Store } from '../store/store.ts';
import { eventTypes, findEventType, type EventType } from './event-catalogue.ts';
import type { EventOrder, EventStorageField, StoredEvent } from './events-types.ts';

/** The filter fields of `GET /events` (events-webhooks.md §3). */
export const eventFilterFields: FilterFields = {
  'user.id': { ops: ['eq'], kind: 'uuid' },
  'event.entity': { ops: ['eq'], kind: 'string' },
  'event.type': { ops: ['eq'], kind: 'string' },
  'connection.id': { ops: ['eq'], kind: 'uuid' },
  'event.createdDate': { ops: ['gt', 'gteq', 'lt', 'lteq', 'bt'], kind: 'datetime' },
};

const dayMs = 86_400_000;

/** `event.type` means the type id when its value has a dot, else the part after the entity. */
function toStorageCondition(condition: FilterCondition): FilterCondition {
  if (condition.field !== 'event.type') return condition;
  const [value] = condition.values;
  const field: EventStorageField =
    typeof value === 'string' && value.includes('.') ? 'event.typeId' : 'event.eventType';
  return { ...condition, field };
}

/** Reading events (events-webhooks.md §3): the list, one event, and the type catalogue. */
export class EventsQueryService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      /** `TRIBUTARY_EVENT_RETENTION_DAYS`: older events are no longer readable. */
      retentionDays: number;
    },
  ) {}

  /** The oldest creation time still readable. */
  #notBefore(): Date {
    return new Date(this.deps.clock.now().getTime() - this.deps.retentionDays * dayMs);
  }

  /** A page of the application's events; `filter` is parsed with `eventFilterFields`. */
  list(
    applicationId: string,
    filter: Filter,
    page: { order: EventOrder; afterSequence: number | null; limit: number },
  ): Promise<{ rows: StoredEvent[]; size: number }> {
    return this.deps.store.events.list({
      applicationId,
      filter: filter.map(toStorageCondition),
      notBefore: this.#notBefore(),
      ...page,
    });
  }

  /** One event of the application; unknown, another application's or expired ⇒ 404. */
  async get(applicationId: string, eventId: string): Promise<StoredEvent> {
    const event = await this.deps.store.events.find(applicationId, eventId, this.#notBefore());
    if (!event) {
      throw new AppError('resource-not-found', 'Requested event is not found.', {
        source: { parameter: 'eventId' },
      });
    }
    return event;
  }

  /** Every event type of events-webhooks.md §2. */
  listTypes(): readonly EventType[] {
    return eventTypes;
  }

  /** One event type; unknown ⇒ 404. */
  getType(id: string): EventType {
    const type = findEventType(id);
    if (!type) {
      throw new AppError('resource-not-found', 'Requested event type is not found.', {
        source: { parameter: 'id' },
      });
    }
    return type;
  }
}
