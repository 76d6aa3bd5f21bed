package ru.ksamu.server.tasks;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.schedule.ScheduleFormats;

/**
 * One row of the article's task table, as the API and the console show it. Dates are in the
 * article's format ({@code 01.06.2024 21:29:00}) and in ISO-8601 beside.
 */
public record TaskView(long id, String type, String typeTitle, String name, String start, String periodicity,
                       String periodicityLabel, String options, String days, String daysLabel,
                       String forbiddenFrom, String forbiddenTo, List<String> forbiddenWeekdays,
                       String forbiddenWeekdaysLabel, boolean enabled, boolean exclusive, String nearestStart,
                       String nearestStartIso, Map<String, String> optionValues, String lastState,
                       String lastFinishedAt, String lastError, Long lastRunId) {

    static final Locale RU = Locale.forLanguageTag("ru");

    public static TaskView of(TaskDefinition t, TaskTypes types, ZoneId zone) {
        Schedule s = t.schedule();
        TaskType type = types.find(t.type()).orElse(null);
        Instant next = t.nextFireAt();
        return new TaskView(t.id(), t.type(), type == null ? t.type() : type.titleRu(), s.name(),
                ScheduleFormats.formatDateTime(s.start()), s.periodicity().wireName(), s.periodicity().tableLabel(RU),
                String.join(", ", t.options().values()), s.days().wireName(), s.days().tableLabel(RU),
                ScheduleFormats.formatTableTime(s.forbiddenFrom()), ScheduleFormats.formatTableTime(s.forbiddenTo()),
                s.forbiddenWeekdays().stream().sorted().map(DayOfWeek::name).toList(),
                ScheduleFormats.forbiddenWeekdays(s.forbiddenWeekdays(), RU), s.enabled(),
                type != null && type.exclusive(),
                next == null ? "" : ScheduleFormats.formatDateTime(next.atZone(zone).toLocalDateTime()),
                next == null ? null : next.atZone(zone).toOffsetDateTime().toString(), t.options(),
                t.lastRun().state(),
                t.lastRun().finishedAt() == null ? null
                        : ScheduleFormats.formatDateTime(t.lastRun().finishedAt().atZone(zone).toLocalDateTime()),
                t.lastRun().error(), t.lastRun().runId());
    }
}
