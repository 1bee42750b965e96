import type { Store } from '../store/store.ts';

/** Reading events (events-webhooks.md §3). */
export class EventsQueryService {
  constructor(private readonly deps: { store: Store }) {}
}
