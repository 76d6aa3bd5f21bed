package ru.ksamu.server.tasks;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class SchedulerRestartPostgresIT extends SchedulerRestartContract {

    @Override
    void prepareDatabases(Path dir) {
        serviceUrl = Postgres.url(Postgres.createDatabase("restart"));
        serviceUser = Postgres.user();
        String main = Postgres.url(Postgres.createDatabase("restartmain"));
        databaseArgs.addAll(java.util.List.of("--ksamu.service-db.url=" + serviceUrl,
                "--ksamu.service-db.user=" + serviceUser, "--ksamu.service-db.password=",
                "--ksamu.databases.main.url=" + main, "--ksamu.databases.main.user=" + serviceUser,
                "--ksamu.databases.main.password="));
    }
}
