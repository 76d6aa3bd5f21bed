package ru.ksamu.e2e;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class ClientsUpdatePostgresIT extends ClientsUpdateContract {

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("clihub");
    }

    @Override
    List<String> serverDatabases() {
        return E2e.postgresServer("cli", "--ksamu.update.lock-roles=" + E2e.misRole());
    }
}
