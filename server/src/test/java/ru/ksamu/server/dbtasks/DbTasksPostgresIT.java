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

    /** A second managed PostgreSQL database to restore into. */
    static class Scratch implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            String db = Postgres.createDatabase("scratch");
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuScratch", Map.of(
                    "ksamu.databases.scratch.url", Postgres.url(db), "ksamu.databases.scratch.user", Postgres.user(),
                    "ksamu.databases.scratch.password", "")));
        }
    }
}
