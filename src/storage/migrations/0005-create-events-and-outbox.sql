-- Every change worth telling is an event, written in the same transaction as the change, with an
-- outbox row for the webhook dispatcher (ARCHITECTURE §3.7).
CREATE TABLE events (
  id uuid PRIMARY KEY,
  -- Strictly increasing over the deployment (events-webhooks.md §1 `sequence`).
  sequence bigserial NOT NULL UNIQUE,
  application_id uuid NOT NULL,
  type text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  user_id uuid,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX events_application_created ON events (application_id, created_at, id);

CREATE TABLE outbox (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  dispatched_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE dispatched_at IS NULL;
