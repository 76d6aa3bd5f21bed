-- Issue L: the major update's recovery point and lock window. backup_mode: the effective
-- ksamu.update.backup; recovery_point: what a DBA needs to go back (restore point name + LSN, snapshot,
-- backup file); backup_current: H2 only, whether nothing was written between a before-countdown backup
-- and the lock (so restoring it loses nothing); locked_ms / migration_ms / recovery_ms: the lock window.
ALTER TABLE update_job ADD COLUMN backup_mode VARCHAR(20);
ALTER TABLE update_job ADD COLUMN backup_current BOOLEAN;
ALTER TABLE update_job ADD COLUMN recovery_point VARCHAR(4000);
ALTER TABLE update_job ADD COLUMN locked_ms BIGINT;
ALTER TABLE update_job ADD COLUMN migration_ms BIGINT;
ALTER TABLE update_job ADD COLUMN recovery_ms BIGINT;
