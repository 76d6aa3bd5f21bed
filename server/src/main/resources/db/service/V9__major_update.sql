-- The major update's journal fields: the countdown's absolute deadline, and the main base's
-- backup taken under the lock (what a crash recovery restores on H2).
ALTER TABLE update_job ADD COLUMN deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE update_job ADD COLUMN backup_path VARCHAR(1000);
