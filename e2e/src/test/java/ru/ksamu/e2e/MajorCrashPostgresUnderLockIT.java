package ru.ksamu.e2e;

/** The crash tests on PostgreSQL with pg_dump under the lock (issue L's reference mode). */
class MajorCrashPostgresUnderLockIT extends MajorCrashPostgresIT {

    @Override
    String backupMode() {
        return "under-lock";
    }
}
