package ru.ksamu.server.dbtasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;

@ContextConfiguration(initializers = ServerOnH2.class)
@TestPropertySource(properties = {"ksamu.databases.scratch.url=jdbc:h2:file:${ksamu.data-dir}/db/scratch",
        "ksamu.databases.scratch.user=sa", "ksamu.databases.scratch.password="})
class DbTasksH2IT extends DbTasksContract {

    /** H2 only: with the option, SHUTDOWN COMPACT gives back the space of deleted rows; the data stay. */
    @Test
    void compactionShrinksTheH2FileAndTheBaseOpensAgainWithItsData() throws Exception {
        sql("scratch", "DROP TABLE IF EXISTS bulk", "CREATE TABLE bulk (id INT PRIMARY KEY, note VARCHAR(400))",
                "INSERT INTO bulk SELECT X, REPEAT('я', 300) FROM SYSTEM_RANGE(1, 20000)",
                "DELETE FROM bulk WHERE id > 10", "CHECKPOINT SYNC");
        Path file;
        try (java.sql.Connection c = connect("scratch"); java.sql.ResultSet rs = c.createStatement()
                .executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            file = Path.of(rs.getString(1) + ".mv.db");
        }
        long before = Files.size(file);

        WorkSnapshot run = runTask(createTask("DB_SERVICE", "Сжатие " + System.nanoTime(),
                Map.of("database", "scratch", "compact", "true")));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("Файл H2 сжат").contains("снова открыта после сжатия");
        assertThat(Files.size(file)).as(log).isLessThan(before);
        assertThat(rows("scratch", "bulk")).hasSize(10);
    }
}
