package ru.ksamu.server.tasks;

import java.nio.file.Path;

class SchedulerRestartH2IT extends SchedulerRestartContract {

    @Override
    void prepareDatabases(Path dir) {
        serviceUrl = "jdbc:h2:file:" + dir.resolve("db/service");
        serviceUser = "sa";
    }
}
