import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type { Event, EventList, EventListParams, EventType, EventTypeList } from '../models.ts';
import { iteratePages } from './pages.ts';

/** The application's events (events-webhooks.md §2–§3). */
export class Events {
  constructor(private readonly transport: Transport) {}

  /** `GET /events`: one page; `links.next` is there when another page exists. */
  list(params: EventListParams = {}, options?: RequestOptions): Promise<EventList> {
    return this.transport.request({
      method: 'GET',
      path: '/events',
      query: { ...params },
      options,
    });
  }

  /** Every event matching `filter`, in `order`, fetching pages of `limit` as the loop goes. */
  iterate(
    params: Omit<EventListParams, 'next'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<Event, void, undefined> {
    return iteratePages<Event>(this.transport, '/events', { ...params }, options);
  }

  /** `GET /events/{id}`. */
  get(eventId: string, options?: RequestOptions): Promise<Event> {
    return this.transport.request({ method: 'GET', path: pathOf`/events/${eventId}`, options });
  }

  /** `GET /events/types`: the event type catalogue. */
  types(options?: RequestOptions): Promise<EventTypeList> {
    return this.transport.request({ method: 'GET', path: '/events/types', options });
  }

  /** `GET /events/types/{id}` (`connection.created`). */
  getType(eventTypeId: string, options?: RequestOptions): Promise<EventType> {
    return this.transport.request({
      method: 'GET',
      path: pathOf`/events/types/${eventTypeId}`,
      options,
    });
  }
}
