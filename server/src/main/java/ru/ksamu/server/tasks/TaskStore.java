package ru.ksamu.server.tasks;

import static ru.ksamu.server.time.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import ru.ksamu.schedule.DayParity;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.server.threads.WorkSnapshot;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Task definitions in the service database. */
@Component
class TaskStore {

    private static final String COLUMNS = "id, task_type, name, start_at, periodicity, forbidden_weekdays, forbidden_from,"
            + " forbidden_to, day_parity, options, enabled, next_fire_at, missed, last_run_id, last_started_at,"
            + " last_finished_at, last_state, last_error";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    TaskStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    List<TaskDefinition> all(BiFunction<String, Periodicity, Duration> offsetOf) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task ORDER BY id").query((rs, n) -> map(rs, offsetOf)).list();
    }

    Optional<TaskDefinition> find(long id, BiFunction<String, Periodicity, Duration> offsetOf) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, offsetOf)).optional();
    }

    boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM task WHERE name_key = ? AND id <> ?")
                .params(nameKey(name), exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    /** Whether the default tasks of a type have been created once (see V8__update_jobs.sql). */
    boolean seeded(String typeKey) {
        return jdbc.sql("SELECT COUNT(*) FROM task_type_seeded WHERE type_key = ?").param(typeKey)
                .query(Long.class).single() > 0;
    }

    void markSeeded(String typeKey) {
        jdbc.sql("INSERT INTO task_type_seeded (type_key) VALUES (?)").param(typeKey).update();
    }

    long insert(Schedule s, Map<String, String> options) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO task (task_type, name, name_key, start_at, periodicity, forbidden_weekdays, forbidden_from,"
                        + " forbidden_to, day_parity, options, enabled, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.taskType(), s.name(), nameKey(s.name()), s.start(), s.periodicity().wireName(),
                        weekdays(s.forbiddenWeekdays()), s.forbiddenFrom(), s.forbiddenTo(), s.days().wireName(),
                        json.writeValueAsString(new TreeMap<>(options)), s.enabled(), now, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, Schedule s, Map<String, String> options) {
        jdbc.sql("UPDATE task SET task_type = ?, name = ?, name_key = ?, start_at = ?, periodicity = ?,"
                        + " forbidden_weekdays = ?, forbidden_from = ?, forbidden_to = ?, day_parity = ?, options = ?,"
                        + " enabled = ?, updated_at = ? WHERE id = ?")
                .params(s.taskType(), s.name(), nameKey(s.name()), s.start(), s.periodicity().wireName(),
                        weekdays(s.forbiddenWeekdays()), s.forbiddenFrom(), s.forbiddenTo(), s.days().wireName(),
                        json.writeValueAsString(new TreeMap<>(options)), s.enabled(), now(), id)
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM task WHERE id = ?").param(id).update() > 0;
    }

    void nextFire(long id, Instant at) {
        jdbc.sql("UPDATE task SET next_fire_at = ? WHERE id = ?").params(utc(at), id).update();
    }

    void missed(long id, boolean missed) {
        jdbc.sql("UPDATE task SET missed = ? WHERE id = ?").params(missed, id).update();
    }

    void lastRun(long id, WorkSnapshot run) {
        jdbc.sql("UPDATE task SET last_run_id = ?, last_started_at = ?, last_finished_at = ?, last_state = ?,"
                        + " last_error = ? WHERE id = ?")
                .params(run.id(), utc(run.startedAt()), utc(run.finishedAt()), run.state().name(), run.error(), id)
                .update();
    }

    private TaskDefinition map(ResultSet rs, BiFunction<String, Periodicity, Duration> offsetOf) throws SQLException {
        String type = rs.getString("task_type");
        Periodicity p = Periodicity.fromWireName(rs.getString("periodicity")).orElseThrow();
        Duration offset = offsetOf.apply(type, p);
        Schedule schedule = new Schedule(type, rs.getString("name"), rs.getObject("start_at", LocalDateTime.class), p,
                parseWeekdays(rs.getString("forbidden_weekdays")), rs.getObject("forbidden_from", LocalTime.class),
                rs.getObject("forbidden_to", LocalTime.class),
                DayParity.fromWireName(rs.getString("day_parity")).orElseThrow(), rs.getBoolean("enabled"),
                offset);
        Map<String, String> options = json.readValue(rs.getString("options"), new TypeReference<Map<String, String>>() { });
        TaskDefinition.LastRun last = new TaskDefinition.LastRun(
                rs.getObject("last_run_id", Long.class), instant(rs, "last_started_at"),
                instant(rs, "last_finished_at"), rs.getString("last_state"), rs.getString("last_error"));
        return new TaskDefinition(rs.getLong("id"), type, schedule, options, instant(rs, "next_fire_at"),
                rs.getBoolean("missed"), last);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static String weekdays(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
    }

    static Set<DayOfWeek> parseWeekdays(String s) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (s != null && !s.isBlank()) {
            Arrays.stream(s.split(",")).map(String::strip).map(DayOfWeek::valueOf).forEach(out::add);
        }
        return out;
    }
}
