package ru.ksamu.hub.telegram;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class RestartPostgresIT extends RestartContract {

    private String database;

    @Override
    List<String> databaseArguments() {
        if (database == null) {
            database = Postgres.createDatabase("hubrestart");
        }
        return List.of("--ksamu.hub-db.url=" + Postgres.url(database), "--ksamu.hub-db.user=" + Postgres.user(),
                "--ksamu.hub-db.password=");
    }
}
