package ru.ksamu.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The task editor's raw input, as text, before {@link ScheduleValidator} checks it. Any field
 * may be null or malformed; that is what the validator reports. The keys of its
 * {@link ScheduleValidator.FieldError}s are these component names.
 *
 * @param taskType the server's task type key
 * @param name the task's name (Наименование)
 * @param start the start, {@code dd.MM.yyyy H:mm:ss}, e.g. {@code 01.01.2016 0:08:00}
 * @param periodicity a {@link Periodicity} wire name, e.g. {@code MINUTES_30}
 * @param forbiddenWeekdays {@link java.time.DayOfWeek} names, e.g. {@code SATURDAY}
 * @param forbiddenFrom window start, {@code HH:mm}; blank together with {@code forbiddenTo} for no window
 * @param forbiddenTo window end, {@code HH:mm}
 * @param days a {@link DayParity} wire name: {@code ALL}, {@code EVEN} or {@code ODD}
 * @param enabled whether the task runs at all
 */
public record ScheduleDraft(String taskType, String name, String start, String periodicity,
                            List<String> forbiddenWeekdays, String forbiddenFrom, String forbiddenTo,
                            String days, boolean enabled) {

    /** Keeps a private copy of the weekday list; a null list counts as empty. */
    public ScheduleDraft {
        forbiddenWeekdays = forbiddenWeekdays == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(forbiddenWeekdays));
    }
}
