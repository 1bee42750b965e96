-- The sandbox clock's offset (sandbox.md §5): business time is wall time plus this many seconds.
-- One row shared by every process on the database; the offset starts at 0 and only grows.
CREATE TABLE sandbox_clock (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  offset_seconds bigint NOT NULL DEFAULT 0 CHECK (offset_seconds >= 0)
);
INSERT INTO sandbox_clock (id, offset_seconds) VALUES (true, 0);
