package ru.ksamu.server.dbtasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnPostgres;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
@ContextConfiguration(initializers = {ServerOnPostgres.class, DbTasksPostgresIT.Scratch.class})
class DbTasksPostgresIT extends DbTasksContract {

    /**
     * A restore that fails under the lock (the dump grants to a role that no longer exists) is
     * rolled back whole: the base keeps what it had just before, and is unlocked.
     */
    @Test
    void aRestoreFailingUnderTheLockLeavesTheBaseAsItWas() throws Exception {
        String role = "ksamu_gone_" + Long.toHexString(System.nanoTime());
        sql(ManagedDatabase.MAIN, "CREATE ROLE " + role, "GRANT SELECT ON patient TO " + role);
        String file = backupNow();
        sql(ManagedDatabase.MAIN, "REVOKE ALL ON patient FROM " + role, "DROP ROLE " + role,
                "UPDATE patient SET name = 'после копии'", "CREATE TABLE later (id INT)");
        long run = restore(ManagedDatabase.MAIN, file);
        WorkSnapshot done = awaitRun(run);
        String log = log(run);
        assertThat(done.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("транзакция откатена").contains("не изменилась").contains("Блокировка «Главная база» снята");
        assertThat(rows(ManagedDatabase.MAIN, "patient")).allMatch(r -> r.contains("после копии"));
        assertThat(tableExists(ManagedDatabase.MAIN, "later")).isTrue();
        assertThat(maintenancePhase()).isEqualTo("NONE");
        try (Connection c = connect(ManagedDatabase.MAIN)) {
            assertThat(c.isValid(2)).as("unlocked: a new connection works").isTrue();
        }
    }

    /** The MIS's role: it loses CONNECT while a restore holds the lock ({@code ksamu.update.lock-roles}). */
    static final String MIS_ROLE = "ksamu_test_restore_mis";

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient serviceDb;

    /**
     * A DBA revoked CONNECT from PUBLIC and granted it to the MIS's role only: the restore's lock
     * takes it from the role and gives exactly that back; PUBLIC stays without it.
     */
    @Test
    void aRestoreGivesBackOnlyTheConnectItTookAndADbasRevokeStays() throws Exception {
        String db = databaseName(ManagedDatabase.MAIN);
        sql(ManagedDatabase.MAIN, "REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + db + " TO " + MIS_ROLE);
        try {
            String file = backupNow();
            long run = restore(ManagedDatabase.MAIN, file);
            WorkSnapshot done = awaitRun(run);
            String log = log(run);
            assertThat(done.state()).as(log).isEqualTo(WorkState.DONE);
            assertThat(connectGrantees(db)).contains(MIS_ROLE).doesNotContain("PUBLIC");
            assertThat(log).contains("право CONNECT отозвано у " + MIS_ROLE + ",");
            assertThat(serviceDb.sql("SELECT COUNT(*) FROM lock_grant").query(Long.class).single()).isZero();
        } finally {
            sql(ManagedDatabase.MAIN, "GRANT CONNECT ON DATABASE " + db + " TO PUBLIC",
                    "REVOKE CONNECT ON DATABASE " + db + " FROM " + MIS_ROLE);
        }
    }

    String databaseName(String managed) throws Exception {
        try (Connection c = connect(managed); java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Who holds CONNECT on the database by a grant of its own ("PUBLIC" or a role). */
    java.util.List<String> connectGrantees(String db) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = connect(ManagedDatabase.MAIN); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END FROM pg_database d"
                        + " CROSS JOIN LATERAL aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a"
                        + " LEFT JOIN pg_roles r ON r.oid = a.grantee WHERE d.datname = '" + db + "'"
                        + " AND a.privilege_type = 'CONNECT'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A second managed PostgreSQL database to restore into, and the MIS's role for the lock. */
    static class Scratch implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            String db = Postgres.createDatabase("scratch");
            Postgres.execute("DO $$ BEGIN CREATE ROLE " + MIS_ROLE + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuScratch", Map.of(
                    "ksamu.databases.scratch.url", Postgres.url(db), "ksamu.databases.scratch.user", Postgres.user(),
                    "ksamu.databases.scratch.password", "", "ksamu.update.lock-roles", MIS_ROLE)));
        }
    }
}
