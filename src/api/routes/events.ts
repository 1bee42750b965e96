import type { FastifyInstance } from 'fastify';
import type { EventsQueryService } from '../../domain/events/events-query-service.ts';
import type { CursorCodec } from '../../kernel/cursor.ts';

/** The events API (events-webhooks.md §3). */
export function registerEventRoutes(
  _app: FastifyInstance,
  _deps: { events: EventsQueryService; cursors: CursorCodec; base: string },
): void {}
