package ru.ksamu.e2e;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class UpdatePostgresIT extends UpdateContract {

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("updhub");
    }

    /** Fresh databases per server; a restarted server is given the same list again. */
    @Override
    List<String> serverDatabases() {
        return E2e.postgresServer("upd");
    }
}
