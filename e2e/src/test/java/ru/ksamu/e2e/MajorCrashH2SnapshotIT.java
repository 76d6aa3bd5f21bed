package ru.ksamu.e2e;

/**
 * The crash tests on H2 with a snapshot under the lock (issue L): a crash under the lock before the
 * migration is recorded leaves the base locked for the MIS (nothing to roll H2's DDL back from but the
 * admin's snapshot) until the admin starts the server again.
 */
class MajorCrashH2SnapshotIT extends MajorCrashH2IT {

    @Override
    String backupMode() {
        return "snapshot";
    }

    @Override
    AfterCrash afterCrash() {
        return AfterCrash.HELD;
    }
}
