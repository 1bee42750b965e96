import { Type } from '@sinclair/typebox';
import {
  authenticatedErrors,
  errorResponses,
  listOf,
  Nullable,
  serverSecurity,
  Uuid,
} from './common.ts';

/** The event object of events-webhooks.md §1. */
export const EventSchema = Type.Object(
  {
    type: Type.Literal('event'),
    id: Uuid,
    createdDate: Type.String({ format: 'date-time' }),
    entity: Type.String({
      description: 'user, connection, account, transactions, consent or job',
    }),
    eventType: Type.String({ description: 'created, updated, activated, … (no entity prefix)' }),
    eventTypeId: Type.String({ description: 'entity + "." + eventType' }),
    userId: Nullable(Uuid),
    dataRef: Type.String({ description: 'absolute URL of the affected resource' }),
    data: Type.Object({}, { additionalProperties: true, description: 'snapshot at commit time' }),
    sequence: Type.Integer({ description: 'strictly increasing over the deployment' }),
    links: Type.Object({ self: Type.String(), eventEntity: Type.String() }),
  },
  { $id: 'Event' },
);

/** One entry of the event type catalogue (events-webhooks.md §2–§3). */
export const EventTypeSchema = Type.Object(
  {
    type: Type.Literal('event-type'),
    id: Type.String(),
    entity: Type.String(),
    eventType: Type.String(),
    description: Type.String(),
    webhook: Type.Literal(true),
    links: Type.Object({ self: Type.String() }),
  },
  { $id: 'EventType' },
);

const tags = ['Events'];
export const eventSchemas = {
  list: {
    tags,
    summary: 'List events',
    security: serverSecurity,
    querystring: Type.Object({
      filter: Type.Optional(
        Type.String({
          description:
            'user.id.eq, event.entity.eq, event.type.eq, connection.id.eq, event.createdDate (gt, gteq, lt, lteq, bt); comma = AND',
        }),
      ),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
      next: Type.Optional(Type.String()),
      order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    }),
    response: {
      200: listOf(EventSchema),
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid']),
    },
  },
  get: {
    tags,
    summary: 'Read an event',
    security: serverSecurity,
    params: Type.Object({ eventId: Uuid }),
    response: {
      200: EventSchema,
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid', 'resource-not-found']),
    },
  },
  listTypes: {
    tags,
    summary: 'List event types',
    security: serverSecurity,
    response: {
      200: listOf(EventTypeSchema),
      ...errorResponses(authenticatedErrors),
    },
  },
  getType: {
    tags,
    summary: 'Read an event type',
    security: serverSecurity,
    params: Type.Object({ id: Type.String() }),
    response: {
      200: EventTypeSchema,
      ...errorResponses([...authenticatedErrors, 'resource-not-found']),
    },
  },
};
