package ru.ksamu.server.selfupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.Api;
import ru.ksamu.server.ServerApplication;

/**
 * After a switch back, the older server meets a service database that a newer server has already
 * migrated further. It must start: Flyway's default {@code ignoreMigrationPatterns} ({@code *:future})
 * lets applied migrations it does not know pass validation, and nothing is undone.
 */
abstract class FutureMigrationsContract {

    /** A fresh service database: its URL and user. */
    abstract String[] freshServiceDatabase(Path dir);

    @Test
    void anOlderServerStartsOnAServiceDatabaseMigratedByANewerOne() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-future");
        String[] db = freshServiceDatabase(dir);
        Path newer = Files.createDirectories(dir.resolve("newer-server-migrations"));
        Files.writeString(newer.resolve("V900__from_a_newer_server.sql"),
                "CREATE TABLE newer_server_table (id INT PRIMARY KEY);\nINSERT INTO newer_server_table (id) VALUES (1);\n");
        // what the newer server did: this build's migrations plus one of its own
        Flyway.configure().dataSource(db[0], db[1], "").locations("classpath:db/service", "filesystem:" + newer)
                .load().migrate();

        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dir,
                "--ksamu.service-db.url=" + db[0], "--ksamu.service-db.user=" + db[1], "--ksamu.service-db.password=",
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=ksamu-future-" + System.nanoTime()));
        try (ConfigurableApplicationContext older = ServerApplication.builder().run(args.toArray(String[]::new))) {
            Api api = Api.at(Integer.parseInt(older.getEnvironment().getProperty("local.server.port")));
            assertThat(api.get("/actuator/health").text()).contains("UP");
            JdbcClient jdbc = older.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM newer_server_table").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '900' AND \"success\" = TRUE")
                    .query(Long.class).single()).as("the newer migration stays recorded").isEqualTo(1);
        }
    }
}
