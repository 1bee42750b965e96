-- Runs of the queue's smoke job (`tributary queue-check`): one row per execution, deliberately
-- without a unique key, so a job run twice shows up as two rows.
CREATE TABLE queue_smoke_runs (
  job_key text NOT NULL,
  worker text NOT NULL,
  ran_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queue_smoke_runs_job_key ON queue_smoke_runs (job_key);
