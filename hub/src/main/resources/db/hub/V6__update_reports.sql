-- Issue 22 point 2: every update job of every installation, as its server reported it (signed by the
-- installation's key). One row per (installation, job): a retry after a lost answer is not stored
-- twice. Times in UTC; the lock window in ms, null when the main base was not locked.
CREATE TABLE update_reports (
    installation_id VARCHAR(36) NOT NULL,
    job_id          BIGINT NOT NULL,
    region          VARCHAR(20),
    from_version    VARCHAR(64),
    to_version      VARCHAR(64) NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    outcome         VARCHAR(20) NOT NULL,
    step            VARCHAR(400),
    message         VARCHAR(4000),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    locked_ms       BIGINT,
    migration_ms    BIGINT,
    recovery_ms     BIGINT,
    backup_mode     VARCHAR(20),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (installation_id, job_id)
);
CREATE INDEX update_reports_received ON update_reports (received_at);
