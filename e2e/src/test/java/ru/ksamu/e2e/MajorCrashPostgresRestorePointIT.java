package ru.ksamu.e2e;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import ru.ksamu.testkit.Postgres;

/**
 * The crash tests on PostgreSQL with a restore point under the lock (issue L): the main bases live on
 * one cluster of the class's own that archives WAL (the shared test server does not), the service
 * databases and the hub on the shared server. The transaction still rolls back after the crash.
 */
class MajorCrashPostgresRestorePointIT extends MajorCrashPostgresIT {

    ArchivingCluster cluster;
    final AtomicInteger bases = new AtomicInteger();

    @BeforeAll
    void startCluster() throws Exception {
        cluster = ArchivingCluster.start();
        cluster.execute("postgres", "CREATE ROLE " + E2e.misRole() + " LOGIN");
        // restore-point refuses a cluster that has archived nothing yet: one segment, archived now
        cluster.execute("postgres", "SELECT pg_switch_wal()");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = cluster.connect("postgres");
                 ResultSet rs = c.createStatement().executeQuery("SELECT archived_count FROM pg_stat_archiver")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String backupMode() {
        return "restore-point";
    }

    @Override
    List<String> serverDatabases() {
        String main = "crash" + bases.incrementAndGet();
        try {
            cluster.execute("postgres", "CREATE DATABASE " + main);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> args = new ArrayList<>(E2e.postgres("ksamu.service-db", Postgres.createDatabase("crashsrv")));
        args.addAll(List.of("--ksamu.databases.main.url=" + cluster.jdbcUrl(main), "--ksamu.databases.main.user=postgres",
                "--ksamu.databases.main.password=", "--ksamu.update.lock-roles=" + E2e.misRole()));
        return args;
    }
}
