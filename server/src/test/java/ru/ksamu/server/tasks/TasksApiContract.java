package ru.ksamu.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.Api;
import tools.jackson.databind.JsonNode;
import ru.ksamu.testkit.TestAdmin;

/** The task table over real HTTP, on each kind of service database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
abstract class TasksApiContract {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Api api() {
        return Api.at(port);
    }

    static Map<String, Object> form(String name, String start, String periodicity) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "LOG_TRIM");
        f.put("name", name);
        f.put("start", start);
        f.put("periodicity", periodicity);
        f.put("days", "ALL");
        f.put("options", Map.of("days", "30"));
        return f;
    }

    /** Daily starts within the two-year horizon, whatever today's date. */
    static final String LATER = ScheduleFormats.formatDateTime(LocalDateTime.now().plusDays(40).withHour(3)
            .withMinute(0).withSecond(0).withNano(0));
    static final String LATER_2 = ScheduleFormats.formatDateTime(LocalDateTime.now().plusDays(50).withHour(4)
            .withMinute(30).withSecond(0).withNano(0));

    JsonNode task(long id) {
        return api().get("/api/v1/tasks/" + id).json();
    }

    @Test
    void firstStartCreatesTheArticlesTasksForExistingTypes() {
        JsonNode list = api().get("/api/v1/tasks").json();
        JsonNode trim = StreamSupport.stream(list.spliterator(), false)
                .filter(t -> t.get("name").asString().equals("Обрезка БД логов")).findFirst().orElseThrow();
        assertThat(trim.get("start").asString()).isEqualTo("18.06.2014 16:00:10");
        assertThat(trim.get("periodicityLabel").asString()).isEqualTo("Один раз в день");
        assertThat(trim.get("daysLabel").asString()).isEqualTo("Все дни");
        assertThat(trim.get("forbiddenWeekdaysLabel").asString()).isEqualTo("Нет");
        assertThat(trim.get("nearestStart").asString()).matches("\\d\\d\\.\\d\\d\\.\\d{4} 16:00:10");
    }

    @Test
    void taskFiresOnTimeAndIsReArmedOnItsGrid() {
        // far enough ahead that a slow create on a loaded machine still lands before it
        LocalDateTime start = LocalDateTime.now().withNano(0).plusSeconds(8);
        JsonNode created = api().post("/api/v1/tasks", form("Обрезка на время " + System.nanoTime(),
                ScheduleFormats.formatDateTime(start), "MINUTES_2"), TestAdmin.PASSWORD).json();
        long id = created.get("id").asLong();
        assertThat(created.get("nearestStart").asString()).isEqualTo(ScheduleFormats.formatDateTime(start));
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(task(id).path("lastState").asString(null)));
        Long runs = jdbc.sql("SELECT COUNT(*) FROM work_run WHERE task_id = ? AND kind = 'SCHEDULED'").param(id)
                .query(Long.class).single();
        assertThat(runs).isEqualTo(1);
        await().until(() -> ScheduleFormats.formatDateTime(start.plusMinutes(2)).equals(task(id).get("nearestStart").asString()));
        // A log trim every 2 minutes left in a shared context's base would trim other tests' rows under them
        // (LogsContract counted 1184 of its 1234 old rows when it fired mid-test).
        assertThat(api().delete("/api/v1/tasks/" + id, TestAdmin.PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void executeNowRunsAtOnceAndRecordsWhoAsked() {
        JsonNode created = api().post("/api/v1/tasks", form("Ручной запуск " + System.nanoTime(),
                LATER, "DAY"), TestAdmin.PASSWORD).json();
        long id = created.get("id").asLong();
        Api.Reply run = api().post("/api/v1/tasks/" + id + "/run", null, TestAdmin.PASSWORD);
        assertThat(run.status()).isEqualTo(202);
        long runId = run.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(task(id).path("lastState").asString(null)));
        assertThat(jdbc.sql("SELECT started_by FROM work_run WHERE id = ?").param(runId).query(String.class).single())
                .isEqualTo("admin");
        assertThat(jdbc.sql("SELECT kind FROM work_run WHERE id = ?").param(runId).query(String.class).single())
                .isEqualTo("MANUAL");
        assertThat(task(id).get("nearestStart").asString()).isEqualTo(LATER);
    }

    @Test
    void badInputAnswers400WithOneErrorPerField() {
        Map<String, Object> f = form("", "32.13.2024 25:00:00", "EVERY_3_MINUTES");
        f.put("forbiddenFrom", "6 часов");
        f.put("forbiddenTo", "21:00");
        f.put("options", Map.of("folder", "E:\\Backup"));
        Api.Reply r = api().post("/api/v1/tasks", f, TestAdmin.PASSWORD);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("VALIDATION");
        List<String> fields = StreamSupport.stream(r.json().get("errors").spliterator(), false)
                .map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("name", "start", "periodicity", "forbiddenFrom", "options.folder");
        assertThat(r.json().get("errors").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void duplicateNameIsRefusedAndANeverFiringScheduleIsSavedWithoutANearestStart() {
        String name = "Дубль " + System.nanoTime();
        assertThat(api().post("/api/v1/tasks", form(name, LATER, "DAY"), TestAdmin.PASSWORD).status()).isEqualTo(201);
        Api.Reply dup = api().post("/api/v1/tasks", form(name.toUpperCase(), LATER, "DAY"), TestAdmin.PASSWORD);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.text()).contains("\"field\":\"name\"").contains("уже есть");

        Map<String, Object> never = form("Никогда " + System.nanoTime(), "01.01.2016 3:00:00", "DAY");
        never.put("forbiddenFrom", "00:00");
        never.put("forbiddenTo", "06:00");
        long t0 = System.nanoTime();
        Api.Reply r = api().post("/api/v1/tasks", never, TestAdmin.PASSWORD);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("nearestStart").asString()).isEmpty();
    }

    @Test
    void controlCharactersInANameOrATextOptionAreRefusedNamingTheField() {
        Api.Reply name = api().post("/api/v1/tasks", form("Обрезка\n2026-12-02 ERROR поддельная строка", LATER, "DAY"),
                TestAdmin.PASSWORD);
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.text()).contains("\"field\":\"name\"").contains("управляющих символов");
        Map<String, Object> backup = form("Бэкап " + System.nanoTime(), LATER, "DAY");
        backup.put("type", "BACKUP");
        backup.put("options", Map.of("database", "main", "folder", "E:\\Backup\u001b[2J"));
        Api.Reply folder = api().post("/api/v1/tasks", backup, TestAdmin.PASSWORD);
        assertThat(folder.status()).isEqualTo(400);
        assertThat(folder.text()).contains("\"field\":\"options.folder\"").contains("управляющие символы");
    }

    @Test
    void badParametersAndOverlongNamesAnswer400NotAServerError() {
        Api.Reply badId = api().get("/api/v1/tasks/abc");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("code").asString()).isEqualTo("BAD_PARAMETER");
        assertThat(api().get("/api/v1/logs?from=2024-06-01T21:00:00").status()).isEqualTo(400);
        Api.Reply longName = api().post("/api/v1/tasks", form("Я".repeat(201), LATER, "DAY"), TestAdmin.PASSWORD);
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.text()).contains("\"field\":\"name\"").contains("не длиннее 200");
    }

    @Test
    void executeNowOnABusyTaskIsRefusedAndATaskNeverRunsTwiceAtOnce() throws Exception {
        long id = api().post("/api/v1/tasks", form("Занятая " + System.nanoTime(), LATER, "DAY"), TestAdmin.PASSWORD)
                .json().get("id").asLong();
        // the trim task is short; fire several execute-now requests at once and count the runs accepted
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Callable<Integer> run = () -> api().post("/api/v1/tasks/" + id + "/run", null, TestAdmin.PASSWORD).status();
            List<java.util.concurrent.Future<Integer>> replies = pool.invokeAll(java.util.Collections.nCopies(4, run));
            long accepted = 0;
            for (var r : replies) {
                int status = r.get();
                assertThat(status).isIn(202, 409);
                accepted += status == 202 ? 1 : 0;
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(task(id).path("lastState").asString(null)));
            long overlapping = jdbc.sql("SELECT COUNT(*) FROM work_run a JOIN work_run b ON a.task_id = b.task_id"
                    + " AND a.id < b.id AND b.started_at < a.finished_at WHERE a.task_id = ?").param(id)
                    .query(Long.class).single();
            assertThat(accepted).isPositive();
            assertThat(overlapping).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changesNeedTheAdminPassword() {
        Map<String, Object> f = form("Без пароля", LATER, "DAY");
        assertThat(api().post("/api/v1/tasks", f, null).status()).isEqualTo(401);
        assertThat(api().post("/api/v1/tasks", f, "wrong").status()).isEqualTo(401);
        assertThat(api().get("/api/v1/tasks").status()).isEqualTo(200);
    }

    @Test
    void updateAndDeleteReArmAndRemoveTheTrigger() {
        JsonNode created = api().post("/api/v1/tasks", form("Изменяемая " + System.nanoTime(),
                LATER, "DAY"), TestAdmin.PASSWORD).json();
        long id = created.get("id").asLong();
        Map<String, Object> changed = form(created.get("name").asString(), LATER_2, "WEEK");
        assertThat(api().put("/api/v1/tasks/" + id, changed, TestAdmin.PASSWORD).json().get("nearestStart").asString())
                .isEqualTo(LATER_2);
        assertThat(quartzTriggers(id)).isEqualTo(1);
        changed.put("enabled", false);
        assertThat(api().put("/api/v1/tasks/" + id, changed, TestAdmin.PASSWORD).json().get("nearestStart").asString()).isEmpty();
        assertThat(quartzTriggers(id)).isZero();
        assertThat(api().delete("/api/v1/tasks/" + id, TestAdmin.PASSWORD).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/tasks/" + id).status()).isEqualTo(404);
    }

    long quartzTriggers(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?").param("task-" + id)
                .query(Long.class).single();
    }

    static String hhmm(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }
}
