package ru.ksamu.server;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.ksamu.schedule.ScheduleFormats;

/** The task form the tests post to {@code /api/v1/tasks} when the schedule does not matter. */
public final class TaskForms {

    private TaskForms() {
    }

    /** A daily task of {@code type} whose first start is 40 days away at 03:00, so only "Запустить" runs it. */
    public static Map<String, Object> dailyFarAhead(String type, String name, Map<String, String> options) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        f.put("name", name);
        f.put("start", ScheduleFormats.formatDateTime(LocalDateTime.now().plusDays(40).withHour(3).withMinute(0)
                .withSecond(0).withNano(0)));
        f.put("periodicity", "DAY");
        f.put("days", "ALL");
        f.put("options", options);
        return f;
    }
}
