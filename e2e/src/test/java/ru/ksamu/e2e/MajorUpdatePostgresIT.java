package ru.ksamu.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class MajorUpdatePostgresIT extends MajorUpdateContract {

    /** The MIS's own role: it loses CONNECT during the lock. */
    static final String APP_ROLE = "ksamu_test_app";

    String mainDb;

    @Override
    List<String> hubDatabase() {
        String db = Postgres.createDatabase("majhub");
        return List.of("--ksamu.hub-db.url=" + Postgres.url(db), "--ksamu.hub-db.user=" + Postgres.user(),
                "--ksamu.hub-db.password=");
    }

    @Override
    List<String> serverDatabases() {
        Postgres.execute("DO $$ BEGIN CREATE ROLE " + APP_ROLE + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String service = Postgres.createDatabase("majsrv");
        mainDb = Postgres.createDatabase("majmain");
        List<String> args = new ArrayList<>(List.of("--ksamu.service-db.url=" + Postgres.url(service),
                "--ksamu.service-db.user=" + Postgres.user(), "--ksamu.service-db.password=",
                "--ksamu.databases.main.url=" + Postgres.url(mainDb), "--ksamu.databases.main.user=" + Postgres.user(),
                "--ksamu.databases.main.password=", "--ksamu.update.lock-roles=" + APP_ROLE));
        return args;
    }

    @Override
    String slowScript() {
        return "SELECT pg_sleep(2);\n";
    }

    /** The MIS's role connecting to the main base (the table is readable: schema public, patient). */
    @Override
    Connection directConnection(ConfigurableApplicationContext server) throws SQLException {
        Connection c = DriverManager.getConnection(Postgres.url(mainDb), APP_ROLE, "");
        return c;
    }
}
