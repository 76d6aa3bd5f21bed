package ru.ksamu.e2e;

import java.util.List;

class MajorCrashH2IT extends MajorCrashContract {

    @Override
    List<String> hubDatabase() {
        return List.of();
    }

    @Override
    List<String> serverDatabases() {
        return List.of(); // H2 files under each server's own data folder
    }

    /** H2's exclusive mode lives only as long as its connection; the API answering 200 above shows the base is open. */
    @Override
    void assertMainBaseOpen(List<String> serverArgs) {
    }
}
