package ru.ksamu.server.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ru.ksamu.server.time.Times;

/**
 * Filters of a log query; null means "any".
 *
 * @param text a case-insensitive fragment of the message
 */
public record RunLogFilter(Long taskId, Long runId, String level, Instant from, Instant to, String text) {

    public static final RunLogFilter ALL = new RunLogFilter(null, null, null, null, null, null);

    /** The WHERE clause (without the keyword) and its parameters. */
    String where(List<Object> params) {
        List<String> parts = new ArrayList<>();
        parts.add("1 = 1");
        if (taskId != null) {
            parts.add("task_id = ?");
            params.add(taskId);
        }
        if (runId != null) {
            parts.add("run_id = ?");
            params.add(runId);
        }
        if (level != null && !level.isBlank()) {
            parts.add("level = ?");
            params.add(level.strip().toUpperCase());
        }
        if (from != null) {
            parts.add("at >= ?");
            params.add(Times.utc(from));
        }
        if (to != null) {
            parts.add("at < ?");
            params.add(Times.utc(to));
        }
        if (text != null && !text.isBlank()) {
            // LOWER on both sides: PostgreSQL under the C locale folds only ASCII, so a Cyrillic
            // fragment still matches when its case does.
            parts.add("LOWER(message) LIKE LOWER(?)");
            params.add("%" + text.strip().replace("%", "").replace("_", "") + "%");
        }
        return String.join(" AND ", parts);
    }
}
