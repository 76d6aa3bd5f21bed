package ru.ksamu.e2e;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class SelfUpdateUnsupervisedPostgresIT extends SelfUpdateUnsupervisedContract {

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("suhub");
    }

    @Override
    List<String> serverDatabases() {
        return E2e.postgresServer("su");
    }
}
