package ru.ksamu.e2e;

/** The crash tests on H2 with the old backup under the lock (issue L's reference mode). */
class MajorCrashH2UnderLockIT extends MajorCrashH2IT {

    @Override
    String backupMode() {
        return "under-lock";
    }
}
