-- Applications are the tenants; API keys are stored only as peppered hashes (api.md §2.1).
ALTER TABLE installation ADD COLUMN api_key_pepper text;

CREATE TABLE applications (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX applications_one_default ON applications (is_default) WHERE is_default;

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id),
  key_hash text NOT NULL UNIQUE,
  hint text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_application ON api_keys (application_id);

-- The access-token signing keys (HS256), sealed by the secret box; the newest signs.
CREATE TABLE token_signing_keys (
  id text PRIMARY KEY,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL
);
