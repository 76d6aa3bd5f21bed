-- When a scheduled run was due (its trigger time): the delay to its start is the scheduler's lag.
ALTER TABLE work_run ADD COLUMN planned_at TIMESTAMP WITH TIME ZONE;
