package ru.ksamu.server.logs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.server.time.Times;

/** Reads the run log: filtered pages (newest first) and entries after an id (oldest first, for streams). */
@Component
public class RunLogQuery {

    private static final String COLUMNS = "id, at, level, task_id, task_name, run_id, message, progress";

    private final JdbcClient jdbc;
    private final Clock clock;

    RunLogQuery(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One page of a filtered query, newest first, with the total count. */
    public Page page(RunLogFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        long total = jdbc.sql("SELECT COUNT(*) FROM run_log WHERE " + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<RunLogEntry> entries = jdbc.sql("SELECT " + COLUMNS + " FROM run_log WHERE " + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?").params(paged).query(this::map).list();
        return new Page(entries, page, size, total);
    }

    /** Entries with an id above {@code afterId}, oldest first. */
    public List<RunLogEntry> after(long afterId, RunLogFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        params.add(0, afterId);
        params.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM run_log WHERE id > ? AND " + where + " ORDER BY id LIMIT ?")
                .params(params).query(this::map).list();
    }

    public long latestId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM run_log").query(Long.class).single();
    }

    private RunLogEntry map(ResultSet rs, int n) throws SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new RunLogEntry(rs.getLong("id"), Times.shown(at.toInstant(), clock.getZone()),
                at.toInstant().toString(), rs.getString("level"), rs.getObject("task_id", Long.class),
                rs.getString("task_name"), rs.getObject("run_id", Long.class), rs.getString("message"),
                rs.getObject("progress", Integer.class));
    }

    /** A page of entries and the total number matching the filter. */
    public record Page(List<RunLogEntry> entries, int page, int size, long total) {
    }
}
