-- Issue L: the lock window of each installation's latest major update, as its statistics report
-- says it: JSON {version, backupMode, lockedMs, migrationMs, recoveryMs, at}, written by the hub from
-- the parsed report; kept when a later report has none.
ALTER TABLE installation_stats ADD COLUMN last_major_update VARCHAR(1000);
