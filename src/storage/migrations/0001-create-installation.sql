-- One row describing this installation: which encryption key its secrets are sealed under
-- (operations.md §8.2), so a process started with another key is refused instead of failing later.
CREATE TABLE installation (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  encryption_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
