package ru.ksamu.e2e;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class UpdatePostgresIT extends UpdateContract {

    @Override
    List<String> hubDatabase() {
        String db = Postgres.createDatabase("updhub");
        return List.of("--ksamu.hub-db.url=" + Postgres.url(db), "--ksamu.hub-db.user=" + Postgres.user(),
                "--ksamu.hub-db.password=");
    }

    /** Fresh databases per server; a restarted server is given the same list again. */
    @Override
    List<String> serverDatabases() {
        String service = Postgres.createDatabase("updsrv");
        String main = Postgres.createDatabase("updmain");
        return List.of("--ksamu.service-db.url=" + Postgres.url(service), "--ksamu.service-db.user=" + Postgres.user(),
                "--ksamu.service-db.password=", "--ksamu.databases.main.url=" + Postgres.url(main),
                "--ksamu.databases.main.user=" + Postgres.user(), "--ksamu.databases.main.password=");
    }
}
