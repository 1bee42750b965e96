-- Connections, their jobs, and the accounts and transactions they fetch (connections.md, api.md
-- §9–§10). Everything hangs off the user: deleting the user removes it all (api.md §7.2).

CREATE TABLE connections (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  institution_id text NOT NULL,
  method text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Sealed JSON of the login (secret box); wiped on delete (connections.md §3).
  credentials text,
  -- Keyed hash of institution + login id (§7); kept after delete for the pause rule.
  credential_key text,
  -- Keyed hash of every credential value: tells an identical re-post from a changed one (§4).
  credentials_hash text,
  mfa_enabled boolean NOT NULL DEFAULT false,
  profile jsonb,
  reason jsonb,
  last_used timestamptz,
  last_success_at timestamptz,
  data_as_of timestamptz,
  -- End date of the last successful retrieve-transactions window; null: the next is a first one.
  window_end date,
  -- Smart Cache ordinal per (institution, method), never reused (§9.2).
  ordinal integer NOT NULL,
  smart_cache_next timestamptz,
  smart_cache_retries integer NOT NULL DEFAULT 0,
  stale_reported boolean NOT NULL DEFAULT false
);
CREATE INDEX connections_user ON connections (user_id, created_at, id);
CREATE INDEX connections_credential_key ON connections (credential_key);
CREATE INDEX connections_application_institution ON connections (application_id, institution_id)
  WHERE status <> 'deleted';
CREATE INDEX connections_smart_cache ON connections (smart_cache_next) WHERE status = 'active';

CREATE TABLE connection_ordinals (
  institution_id text NOT NULL,
  method text NOT NULL,
  last_ordinal integer NOT NULL,
  PRIMARY KEY (institution_id, method)
);

CREATE TABLE connection_jobs (
  id uuid PRIMARY KEY,
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  application_id uuid NOT NULL,
  institution_id text NOT NULL,
  trigger text NOT NULL,
  -- waiting | running | success | failed
  state text NOT NULL,
  steps jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  -- First contact with the bank (clock); null until verify-credentials starts.
  contacted_at timestamptz,
  resume_at timestamptz,
  wait_reason text,
  window_from date,
  window_to date,
  credential_key text,
  credentials_hash text,
  bulk_id uuid,
  -- Sealed connector session and MFA answer, so that any worker can go on (§5.3, §5.5).
  session text,
  mfa_answer text,
  mfa_answer_hash text,
  mfa_answered_at timestamptz,
  relogins integer NOT NULL DEFAULT 0,
  -- Wall time spent running, for TRIBUTARY_JOB_TIMEOUT_S (waits excluded).
  run_ms bigint NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  dispatched_at timestamptz
);
-- At most one unfinished job per connection, enforced by the database (§13).
CREATE UNIQUE INDEX connection_jobs_one_unfinished ON connection_jobs (connection_id)
  WHERE finished_at IS NULL;
CREATE INDEX connection_jobs_user ON connection_jobs (user_id, created_at DESC, id DESC);
CREATE INDEX connection_jobs_connection ON connection_jobs (connection_id, created_at DESC);
CREATE INDEX connection_jobs_unfinished ON connection_jobs (resume_at) WHERE finished_at IS NULL;
CREATE INDEX connection_jobs_credential_key ON connection_jobs (credential_key)
  WHERE finished_at IS NULL;

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  institution_id text NOT NULL,
  -- The bank's account id, else the §13 fingerprint.
  bank_key text NOT NULL,
  name text NOT NULL,
  account_no text NOT NULL,
  masked_number text,
  bsb text,
  unmasked_acc_num text,
  account_holder text,
  class_type text NOT NULL,
  product text,
  currency text NOT NULL,
  balance numeric(20, 2),
  available_funds numeric(20, 2),
  credit_limit numeric(20, 2),
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  last_updated timestamptz NOT NULL,
  tx_from date,
  tx_to date,
  UNIQUE (connection_id, bank_key)
);
CREATE INDEX accounts_user ON accounts (user_id, created_at, id);

CREATE TABLE transactions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  institution_id text NOT NULL,
  -- The account's creation time, copied so the list's keyset order needs no join (api.md §3).
  account_created_at timestamptz NOT NULL,
  -- 'b:' + bank id, or 'f:' + the §13 fingerprint; pending rows use 'pb:' / 'pf:'.
  bank_key text NOT NULL,
  status text NOT NULL,
  description text NOT NULL,
  amount numeric(20, 2) NOT NULL,
  currency text NOT NULL,
  balance numeric(20, 2),
  class text,
  transaction_date date,
  post_date date,
  -- postDate for posted rows, transactionDate for pending ones: the list's date order.
  sort_date date,
  payment_details jsonb,
  pending_transaction_id uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (account_id, bank_key)
);
CREATE INDEX transactions_user_order ON transactions
  (user_id, account_created_at, account_id, status, sort_date DESC NULLS LAST, id DESC);
CREATE INDEX transactions_connection ON transactions (connection_id);

-- A pending transaction that left the bank's list: which posted row replaced it, if any
-- (api.md §10.2–§10.3).
CREATE TABLE transaction_replacements (
  pending_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  posted_id uuid,
  removed_at timestamptz NOT NULL
);
