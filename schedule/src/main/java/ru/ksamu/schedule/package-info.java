/**
 * Task schedules of the KSAMU Server: the model behind the article's Figure 1 (the task table
 * and the task editor) and the arithmetic that answers "when may this task start next".
 *
 * <p>Plain Java over {@code java.time}; nothing here reads the clock or knows the task types.
 * The public face is {@link ru.ksamu.schedule.Schedule} (the value and its nearest start),
 * the enums {@link ru.ksamu.schedule.Periodicity} and {@link ru.ksamu.schedule.DayParity} with
 * their Russian and English labels, {@link ru.ksamu.schedule.ScheduleValidator} for the editor's
 * raw input ({@link ru.ksamu.schedule.ScheduleDraft}), {@link ru.ksamu.schedule.ScheduleFormats}
 * for the article's date and time formats, and {@link ru.ksamu.schedule.Offsets} for the
 * per-installation offset of cloud-facing tasks. Everything else is package-private.
 */
package ru.ksamu.schedule;
