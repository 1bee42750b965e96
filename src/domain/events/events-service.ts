import type { Clock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import type { Store } from '../store/store.ts';
import type { DomainEvent } from './events-types.ts';

/** An event as it is written: `event` with its id and time. */
export function newEvent(clock: Clock, event: Omit<DomainEvent, 'id' | 'createdAt'>): DomainEvent {
  return { ...event, id: newId(), createdAt: clock.now() };
}

/** Builds and appends events inside the caller's transaction. */
export function recordEvent(
  store: Store,
  clock: Clock,
  event: Omit<DomainEvent, 'id' | 'createdAt'>,
): Promise<void> {
  return store.events.append(newEvent(clock, event));
}
