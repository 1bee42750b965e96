-- The circuit breaker of each institution and method (connections.md §9.4), shared by every
-- process: counted consecutive failures, and while open, until when.
CREATE TABLE institution_breakers (
  institution_id text NOT NULL,
  method text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  -- closed | open (half-open is "open and past open_until", decided on read)
  state text NOT NULL DEFAULT 'closed',
  open_until timestamptz,
  open_seconds integer NOT NULL,
  -- The job let through as the half-open probe, while it runs.
  probe_job_id uuid,
  PRIMARY KEY (institution_id, method)
);
