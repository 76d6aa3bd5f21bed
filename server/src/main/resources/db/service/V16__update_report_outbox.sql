-- Issue 22 point 2: update reports waiting for the hub. One row per finished update job, written in
-- the transaction that finishes the job (so a crash cannot lose it); the report itself is built from
-- update_job when sent. The row goes once the hub answers 2xx; only the newest
-- ksamu.update.reports.outbox-max rows are kept.
CREATE TABLE update_report_outbox (
    job_id          BIGINT PRIMARY KEY,
    queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000)
);
