package ru.ksamu.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.Api;
import ru.ksamu.server.ServerApplication;
import tools.jackson.databind.JsonNode;
import ru.ksamu.testkit.TestAdmin;

/**
 * Restarts a real server on the same service database: schedules survive, runs missed while it
 * was down collapse into one, and an overdue run that would land in a forbidden window moves on.
 */
abstract class SchedulerRestartContract {

    Path dir;
    String serviceUrl;
    String serviceUser;
    List<String> databaseArgs = new ArrayList<>();

    /** Fills {@link #serviceUrl}, {@link #serviceUser} and {@link #databaseArgs} for a fresh database. */
    abstract void prepareDatabases(Path dir) throws Exception;

    @BeforeEach
    void fresh() throws Exception {
        dir = Files.createTempDirectory("ksamu-restart");
        databaseArgs.clear();
        prepareDatabases(dir);
    }

    ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dir,
                "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD));
        args.addAll(databaseArgs);
        return ServerApplication.builder().run(args.toArray(String[]::new));
    }

    static Api api(ConfigurableApplicationContext ctx) {
        return Api.at(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port")));
    }

    long create(Api api, Map<String, Object> form) {
        Api.Reply r = api.post("/api/v1/tasks", form, TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** As if the server had been down when the trigger came due: it is moved into the past. */
    void makeOverdue(long taskId, Duration by) throws Exception {
        try (Connection c = DriverManager.getConnection(serviceUrl, serviceUser, "");
             PreparedStatement s = c.prepareStatement(
                     "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = ?")) {
            s.setLong(1, Instant.now().minus(by).toEpochMilli());
            s.setString(2, "task-" + taskId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    static long scheduledRuns(ConfigurableApplicationContext ctx, long taskId) {
        return ctx.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM work_run WHERE task_id = ? AND kind = 'SCHEDULED'")
                .param(taskId).query(Long.class).single();
    }

    @Test
    void restartKeepsSchedulesAndCoalescesMissedRunsIntoOne() throws Exception {
        long id;
        String nearest;
        try (ConfigurableApplicationContext first = start()) {
            Map<String, Object> f = TasksApiContract.form("Каждые 2 минуты", "01.01.2024 0:00:00", "MINUTES_2");
            id = create(api(first), f);
            nearest = api(first).get("/api/v1/tasks/" + id).json().get("nearestStart").asString();
        }
        makeOverdue(id, Duration.ofMinutes(11)); // five grid points missed
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(
                    api.get("/api/v1/tasks/" + id).json().path("lastState").asString(null)));
            assertThat(scheduledRuns(second, id)).isEqualTo(1);
            JsonNode task = api.get("/api/v1/tasks/" + id).json();
            assertThat(task.get("name").asString()).isEqualTo("Каждые 2 минуты");
            assertThat(OffsetDateTime.parse(task.get("nearestStartIso").asString()).toInstant())
                    .isAfter(Instant.now().minusSeconds(1));
            assertThat(nearest).isNotBlank();
        }
    }

    @Test
    void overdueRunInsideTheForbiddenWindowMovesToTheWindowsEnd() throws Exception {
        LocalTime now = LocalTime.now().withSecond(0).withNano(0);
        LocalTime from = now.minusHours(1);
        LocalTime to = now.plusHours(1);
        long id;
        try (ConfigurableApplicationContext first = start()) {
            Map<String, Object> f = TasksApiContract.form("Ночная", "01.01.2024 0:00:00", "MINUTES_2");
            f.put("forbiddenFrom", TasksApiContract.hhmm(from));
            f.put("forbiddenTo", TasksApiContract.hhmm(to));
            id = create(api(first), f);
        }
        makeOverdue(id, Duration.ofMinutes(5));
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            LocalDateTime windowEnd = LocalDateTime.now().withSecond(0).withNano(0).plusHours(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String next = api.get("/api/v1/tasks/" + id).json().get("nearestStart").asString();
                return !next.isEmpty() && !ScheduleFormats.parseDateTime(next).orElseThrow().isBefore(windowEnd.minusMinutes(1));
            });
            assertThat(scheduledRuns(second, id)).isZero();
        }
    }

    static List<String> names(Api api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/tasks").json().forEach(t -> names.add(t.get("name").asString()));
        return names;
    }

    static long idOf(Api api, String name) {
        for (JsonNode t : api.get("/api/v1/tasks").json()) {
            if (t.get("name").asString().equals(name)) {
                return t.get("id").asLong();
            }
        }
        throw new AssertionError("no task " + name + " in " + names(api));
    }

    @Test
    void anInstallationKeepsWhatItsAdminSetAndADatabaseConfiguredLaterGetsItsBackupOnce() {
        String printForms = "Бэкап \"Базы печатных форм\"";
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            assertThat(names(api)).contains("Обрезка БД логов", "Валидация БД", "Бэкап \"Главной базы\"")
                    .doesNotContain(printForms);
            Api.Reply changed = api.put("/api/v1/tasks/" + idOf(api, "Обрезка БД логов"),
                    TasksApiContract.form("Обрезка логов ночью", "01.01.2024 2:00:00", "DAY"), TestAdmin.PASSWORD);
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            assertThat(api.delete("/api/v1/tasks/" + idOf(api, "Валидация БД"), TestAdmin.PASSWORD).status()).isEqualTo(204);
        }
        databaseArgs.add("--ksamu.databases.print-forms.url=jdbc:h2:file:" + dir.resolve("db/print-forms"));
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            assertThat(names(api)).as("the admin's change and deletion stand; the new database gets its backup")
                    .contains("Обрезка логов ночью", printForms).doesNotContain("Обрезка БД логов", "Валидация БД");
            assertThat(api.delete("/api/v1/tasks/" + idOf(api, printForms), TestAdmin.PASSWORD).status()).isEqualTo(204);
        }
        try (ConfigurableApplicationContext third = start()) {
            assertThat(names(api(third))).as("a deleted default does not come back").doesNotContain(printForms, "Валидация БД");
        }
    }
}
