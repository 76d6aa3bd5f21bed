package ru.ksamu.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class MajorUpdatePostgresIT extends MajorUpdateContract {

    /** The main base's JDBC URL. */
    String mainDb;

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("majhub");
    }

    @Override
    List<String> serverDatabases() {
        List<String> args = E2e.postgresServer("maj", "--ksamu.update.lock-roles=" + E2e.misRole());
        mainDb = E2e.arg(args, "ksamu.databases.main.url");
        return args;
    }

    @Override
    String slowScript() {
        return "SELECT pg_sleep(2);\n";
    }

    /** The MIS's role connecting to the main base (the table is readable: schema public, patient). */
    @Override
    Connection directConnection(ConfigurableApplicationContext server) throws SQLException {
        return DriverManager.getConnection(mainDb, E2e.misRole(), "");
    }
}
