CREATE TABLE users (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id),
  email text,
  mobile text,
  first_name text,
  middle_name text,
  last_name text,
  business_name text,
  business_id_no text,
  business_id_no_type text,
  business_address jsonb,
  verification_status boolean,
  verification_date timestamptz,
  external_id text,
  created_at timestamptz NOT NULL
);
CREATE INDEX users_application_created ON users (application_id, created_at, id);
CREATE UNIQUE INDEX users_application_external_id ON users (application_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX users_application_email ON users (application_id, lower(email));

-- A deleted user leaves only this, so that a repeated DELETE still answers 204 (api.md §7.2).
CREATE TABLE user_tombstones (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL,
  deleted_at timestamptz NOT NULL
);
