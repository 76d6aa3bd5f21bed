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
        return E2e.postgresHub("crashhub");
    }

    @Override
    List<String> serverDatabases() {
        return E2e.postgresServer("crash", "--ksamu.update.lock-roles=" + E2e.misRole());
    }

    /** The MIS's role connects again: CONNECT was granted back after the crash. */
    @Override
    void assertMainBaseOpen(List<String> serverArgs) throws Exception {
        try (Connection c = DriverManager.getConnection(E2e.arg(serverArgs, "ksamu.databases.main.url"),
                E2e.misRole(), ""); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
