package ru.ksamu.e2e;

/** The crash tests on PostgreSQL with the admin's snapshot command under the lock (issue L): the transaction still rolls back. */
class MajorCrashPostgresSnapshotIT extends MajorCrashPostgresIT {

    @Override
    String backupMode() {
        return "snapshot";
    }
}
