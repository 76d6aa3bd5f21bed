package ru.ksamu.server.logs;

import static ru.ksamu.server.time.Times.utc;

import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkJournal;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.threads.WorkSnapshot;

/**
 * Keeps the thread manager's runs and their log entries in the service database. Log inserts are
 * serialized so that entry ids appear in commit order, which lets the live stream resume from
 * the last id it sent without losing or repeating an entry.
 */
@Component
class JdbcWorkJournal implements WorkJournal {

    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final RunLogBus bus;
    private final Clock clock;

    JdbcWorkJournal(JdbcClient jdbc, RunLogBus bus, Clock clock) {
        this.jdbc = jdbc;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public long open(WorkRequest r, Instant submittedAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO work_run (name, kind, started_by, task_id, exclusive, submitted_at, planned_at, state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'WAITING')")
                .params(r.name(), r.kind().name(), r.startedBy(), r.taskId(), r.exclusive(), utc(submittedAt),
                        utc(r.plannedAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    @Override
    public void started(long runId, Instant at) {
        jdbc.sql("UPDATE work_run SET started_at = ?, state = 'RUNNING' WHERE id = ?").params(utc(at), runId).update();
    }

    @Override
    public void finished(WorkSnapshot u) {
        jdbc.sql("UPDATE work_run SET started_at = ?, finished_at = ?, state = ?, error = ? WHERE id = ?")
                .params(utc(u.startedAt()), utc(u.finishedAt()), u.state().name(), clip(u.error()), u.id())
                .update();
    }

    @Override
    public synchronized void log(WorkSnapshot u, WorkContext.LogLevel level, String messageRu) {
        Instant now = clock.instant();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO run_log (at, level, task_id, task_name, run_id, message, progress) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(utc(now), level.name(), u.taskId(), u.name(), u.id(), clip(messageRu), u.progress())
                .update(keys, "id");
        bus.published(keys.getKey().longValue());
    }

    static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }
}
