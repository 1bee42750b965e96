import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EventOrder } from '../../domain/events/events-types.ts';
import {
  eventFilterFields,
  type EventsQueryService,
} from '../../domain/events/events-query-service.ts';
import { parseFilter } from '../../domain/filters/filter.ts';
import type { CursorCodec } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  callerApplicationId,
  keysetPage,
  limitParam,
  listBody,
  queryParam,
  selfLink,
  uuidParam,
} from '../http.ts';
import { presentEvent, presentEventType } from '../presenters/events.ts';
import { eventSchemas } from '../schemas/events.ts';

/** `order`: `asc` (default) or **ext** `desc` (events-webhooks.md §3). */
function orderParam(request: FastifyRequest): EventOrder {
  const raw = queryParam(request, 'order');
  if (raw === undefined || raw === 'asc') return 'asc';
  if (raw === 'desc') return 'desc';
  throw new AppError('parameter-not-valid', 'Order must be asc or desc.', {
    source: { parameter: 'order' },
  });
}

/** The keyset position inside a cursor: the last `sequence` served. */
function isPosition(value: unknown): value is { sequence: number } {
  const sequence = (value as { sequence?: unknown } | null)?.sequence;
  return typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0;
}

/** The events API (events-webhooks.md §3). */
export function registerEventRoutes(
  app: FastifyInstance,
  deps: { events: EventsQueryService; cursors: CursorCodec; base: string },
): void {
  const { events, cursors, base } = deps;

  app.get(
    '/events',
    { config: { access: 'server' }, schema: eventSchemas.list },
    async (request) => {
      const applicationId = callerApplicationId(request);
      const rawFilter = queryParam(request, 'filter');
      const filter = parseFilter(rawFilter, eventFilterFields);
      const limit = limitParam(request, 100, 500);
      const order = orderParam(request);
      // A cursor is bound to its application, order and filter (api.md §3), not to `limit`.
      const scope = `events:${applicationId}:${order}:${rawFilter ?? ''}`;
      return keysetPage(request, {
        base,
        cursors,
        scope,
        limit,
        isPosition,
        fetch: (after, size) =>
          events.list(applicationId, filter, {
            order,
            afterSequence: after?.sequence ?? null,
            limit: size,
          }),
        positionOf: (event) => ({ sequence: event.sequence }),
        present: (event) => presentEvent(base, event),
      });
    },
  );

  app.get(
    '/events/types',
    { config: { access: 'server' }, schema: eventSchemas.listTypes },
    // Synchronous: the catalogue is data in the domain; fastify sends what is returned.
    (request) => {
      const types = events.listTypes().map((type) => presentEventType(base, type));
      return listBody(types, types.length, { self: selfLink(base, request) });
    },
  );

  app.get(
    '/events/types/:id',
    { config: { access: 'server' }, schema: eventSchemas.getType },
    (request) => {
      const id = (request.params as Record<string, unknown>).id;
      return presentEventType(base, events.getType(typeof id === 'string' ? id : ''));
    },
  );

  app.get(
    '/events/:eventId',
    { config: { access: 'server' }, schema: eventSchemas.get },
    async (request) => {
      const event = await events.get(callerApplicationId(request), uuidParam(request, 'eventId'));
      return presentEvent(base, event);
    },
  );
}
