-- The bank session a connection's last successful job left open for the connection's next job
-- (connector.ts "kept session"), sealed like every secret and without the credentials, and the
-- clock time it was kept. Null when none is kept: a failed job, a credential update, a delete and
-- a purge clear it.
ALTER TABLE connections ADD COLUMN bank_session_sealed text;
ALTER TABLE connections ADD COLUMN bank_session_at timestamptz;
