import type { EventsRepository } from '../../domain/events/events-types.ts';
import type { Queryable } from '../database.ts';

export function createEventsRepository(db: Queryable): EventsRepository {
  return {
    async append(event) {
      await db.query(
        `WITH e AS (
           INSERT INTO events (id, application_id, type, entity, entity_id, user_id, data, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at
         )
         INSERT INTO outbox (event_id, created_at) SELECT id, created_at FROM e`,
        [
          event.id,
          event.applicationId,
          event.type,
          event.entity,
          event.entityId,
          event.userId,
          JSON.stringify(event.data),
          event.createdAt,
        ],
      );
    },
  };
}
