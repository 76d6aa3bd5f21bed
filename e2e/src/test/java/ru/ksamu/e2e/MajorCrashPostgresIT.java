package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class MajorCrashPostgresIT extends MajorCrashContract {

    @Override
    List<String> hubDatabase() {
        String db = Postgres.createDatabase("crashhub");
        return List.of("--ksamu.hub-db.url=" + Postgres.url(db), "--ksamu.hub-db.user=" + Postgres.user(),
                "--ksamu.hub-db.password=");
    }

    @Override
    List<String> serverDatabases() {
        Postgres.execute("DO $$ BEGIN CREATE ROLE " + MajorUpdatePostgresIT.APP_ROLE
                + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String service = Postgres.createDatabase("crashsrv");
        String main = Postgres.createDatabase("crashmain");
        return List.of("--ksamu.service-db.url=" + Postgres.url(service), "--ksamu.service-db.user=" + Postgres.user(),
                "--ksamu.service-db.password=", "--ksamu.databases.main.url=" + Postgres.url(main),
                "--ksamu.databases.main.user=" + Postgres.user(), "--ksamu.databases.main.password=",
                "--ksamu.update.lock-roles=" + MajorUpdatePostgresIT.APP_ROLE);
    }

    /** The MIS's role connects again: CONNECT was granted back after the crash. */
    @Override
    void assertMainBaseOpen(List<String> serverArgs) throws Exception {
        try (Connection c = DriverManager.getConnection(arg(serverArgs, "ksamu.databases.main.url"),
                MajorUpdatePostgresIT.APP_ROLE, ""); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
