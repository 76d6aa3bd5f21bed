package ru.ksamu.e2e;

/**
 * The crash tests on H2 with no recovery point at all (issue L): a crash under the lock before the
 * migration is recorded leaves the base as it is (a migration cut midway stays partly applied) and
 * open, the old version recorded, and the journal says so.
 */
class MajorCrashH2OffIT extends MajorCrashH2IT {

    @Override
    String backupMode() {
        return "off";
    }

    @Override
    AfterCrash afterCrash() {
        return AfterCrash.AS_IS;
    }
}
