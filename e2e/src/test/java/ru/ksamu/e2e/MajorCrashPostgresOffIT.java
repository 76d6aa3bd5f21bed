package ru.ksamu.e2e;

/** The crash tests on PostgreSQL with no backup at all: the migration's transaction alone (issue L). */
class MajorCrashPostgresOffIT extends MajorCrashPostgresIT {

    @Override
    String backupMode() {
        return "off";
    }
}
