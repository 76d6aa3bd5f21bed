package ru.ksamu.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the task editor's input and reports every bad field at once, each with a Russian
 * message for the admin and an English one beside it. Duplicate names and task options are the
 * server's checks, not these.
 */
public final class ScheduleValidator {

    /** Key of an error about the schedule as a whole (it can never fire). */
    public static final String WHOLE_SCHEDULE = "schedule";

    private ScheduleValidator() {
    }

    /**
     * One problem with one field.
     *
     * @param field the {@link ScheduleDraft} component name, or {@link #WHOLE_SCHEDULE}
     * @param messageRu what is wrong and how to fix it, in Russian
     * @param messageEn the same in English
     */
    public record FieldError(String field, String messageRu, String messageEn) {
        /** Rejects a null or blank part. */
        public FieldError {
            for (String part : new String[] {field, messageRu, messageEn}) {
                if (part == null || part.isBlank()) {
                    throw new IllegalArgumentException("field error parts must not be blank, were field=" + field
                            + ", messageRu=" + messageRu + ", messageEn=" + messageEn);
                }
            }
        }
    }

    /**
     * The outcome: either the schedule, or the errors (never both).
     *
     * @param schedule the checked schedule, present exactly when there are no errors
     * @param errors every problem found, in field order
     * @param warnings what is saved but worth saying: the task can never run (the article's past
     *                 "Однократно" task, shown with an empty nearest start)
     */
    public record Result(Optional<Schedule> schedule, List<FieldError> errors, List<FieldError> warnings) {
        /** Requires exactly one of a schedule and errors; warnings only beside a schedule. */
        public Result {
            Objects.requireNonNull(schedule, "schedule");
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
            if (schedule.isPresent() == !errors.isEmpty()) {
                throw new IllegalArgumentException("a result holds a schedule or errors, was " + schedule + " " + errors);
            }
            if (schedule.isEmpty() && !warnings.isEmpty()) {
                throw new IllegalArgumentException("warnings come only with a schedule, were " + warnings);
            }
        }

        /** A result without warnings. */
        public Result(Optional<Schedule> schedule, List<FieldError> errors) {
            this(schedule, errors, List.of());
        }

        /** True when the draft became a schedule. */
        public boolean valid() {
            return schedule.isPresent();
        }
    }

    /**
     * Parses and checks the draft. Field errors come first; only a draft whose fields all parse is
     * checked as a whole ({@link #check}).
     *
     * @param draft the editor's input
     * @param now the current time in the server's zone
     * @param offsetFor the grid offset for the chosen periodicity: {@code p -> Duration.ZERO}, or
     *                  {@code p -> Offsets.forInstallation(id, p)} for a cloud-facing task type
     */
    public static Result validate(ScheduleDraft draft, ZonedDateTime now, Function<Periodicity, Duration> offsetFor) {
        Fields fields = new Fields(draft);
        if (!fields.errors.isEmpty()) {
            return new Result(Optional.empty(), fields.errors);
        }
        Schedule schedule = new Schedule(draft.taskType().strip(), draft.name().strip(), fields.start,
                fields.periodicity, fields.weekdays, fields.from, fields.to, fields.days, draft.enabled(),
                offsetFor.apply(fields.periodicity));
        List<FieldError> whole = check(schedule, now);
        List<FieldError> errors = whole.stream().filter(e -> !e.field().equals(WHOLE_SCHEDULE)).toList();
        List<FieldError> warnings = whole.stream().filter(e -> e.field().equals(WHOLE_SCHEDULE)).toList();
        return errors.isEmpty() ? new Result(Optional.of(schedule), List.of(), warnings)
                : new Result(Optional.empty(), errors);
    }

    /**
     * Checks a typed schedule as a whole, as if it were enabled: every weekday forbidden, or no
     * allowed start within two years from {@code now}
     * ("Задание никогда не будет выполнено: …", naming the cause when it is known).
     */
    public static List<FieldError> check(Schedule schedule, ZonedDateTime now) {
        if (schedule.forbiddenWeekdays().size() == DayOfWeek.values().length) {
            return List.of(new FieldError("forbiddenWeekdays",
                    "Запрещены все дни недели — задание никогда не будет выполнено. Снимите запрет хотя бы с одного дня.",
                    "Every weekday is forbidden, so the task would never run. Allow at least one day."));
        }
        if (schedule.withEnabled(true).nearestStart(now).isPresent()) {
            return List.of();
        }
        NeverReason reason = NeverReason.explain(schedule, now);
        return List.of(new FieldError(WHOLE_SCHEDULE,
                "Задание никогда не будет выполнено: " + reason.ru() + ".",
                "The task will never run: " + reason.en() + "."));
    }

    /** Parses each field of a draft, collecting one error per bad field. */
    private static final class Fields {
        final List<FieldError> errors = new ArrayList<>();
        final LocalDateTime start;
        final Periodicity periodicity;
        final Set<DayOfWeek> weekdays;
        final LocalTime from;
        final LocalTime to;
        final DayParity days;

        Fields(ScheduleDraft draft) {
            requireText("taskType", draft.taskType(), "Выберите задачу.", "Choose the task type.");
            requireText("name", draft.name(), "Укажите наименование задания.", "Enter the task name.");
            start = parseStart(draft.start());
            periodicity = parseEnum("periodicity", draft.periodicity(), Periodicity.fromWireName(strip(draft.periodicity())),
                    "периодичность", "periodicity", wireNames(Periodicity.values(), Periodicity::wireName));
            weekdays = parseWeekdays(draft.forbiddenWeekdays());
            boolean noWindow = isBlank(draft.forbiddenFrom()) && isBlank(draft.forbiddenTo());
            from = noWindow ? LocalTime.MIDNIGHT : parseBound("forbiddenFrom", draft.forbiddenFrom(), "с", "from");
            to = noWindow ? LocalTime.MIDNIGHT : parseBound("forbiddenTo", draft.forbiddenTo(), "по", "to");
            days = parseEnum("days", draft.days(), DayParity.fromWireName(strip(draft.days())),
                    "режим дней", "day mode", wireNames(DayParity.values(), DayParity::wireName));
        }

        private void requireText(String field, String value, String ru, String en) {
            if (isBlank(value)) {
                errors.add(new FieldError(field, ru, en));
            }
        }

        private LocalDateTime parseStart(String text) {
            if (isBlank(text)) {
                errors.add(new FieldError("start", "Укажите дату начала выполнения, например 01.01.2016 0:08:00.",
                        "Enter the start date-time, e.g. 01.01.2016 0:08:00."));
                return null;
            }
            Optional<LocalDateTime> parsed = ScheduleFormats.parseDateTime(text);
            if (parsed.isEmpty()) {
                errors.add(new FieldError("start",
                        "Дата начала «" + text + "» не распознана: ожидается ДД.ММ.ГГГГ Ч:мм:сс, например 01.06.2024 21:29:00.",
                        "Start date-time '" + text + "' is not understood: expected dd.MM.yyyy H:mm:ss, e.g. 01.06.2024 21:29:00."));
            }
            return parsed.orElse(null);
        }

        private <E> E parseEnum(String field, String text, Optional<E> parsed, String whatRu, String whatEn, String allowed) {
            if (isBlank(text)) {
                errors.add(new FieldError(field, "Выберите значение поля «" + whatRu + "»: " + allowed + ".",
                        "Choose the " + whatEn + ": " + allowed + "."));
            } else if (parsed.isEmpty()) {
                errors.add(new FieldError(field,
                        "Неизвестное значение поля «" + whatRu + "»: «" + text + "». Допустимые значения: " + allowed + ".",
                        "Unknown " + whatEn + " '" + text + "'. Allowed values: " + allowed + "."));
            }
            return parsed.orElse(null);
        }

        private Set<DayOfWeek> parseWeekdays(List<String> names) {
            Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
            for (String name : names) {
                Optional<DayOfWeek> day = Arrays.stream(DayOfWeek.values()).filter(d -> d.name().equals(strip(name))).findFirst();
                day.ifPresentOrElse(parsed::add, () -> errors.add(new FieldError("forbiddenWeekdays",
                        "Неизвестный день недели «" + name + "». Допустимые значения: MONDAY … SUNDAY.",
                        "Unknown weekday '" + name + "'. Allowed values: MONDAY … SUNDAY.")));
            }
            return parsed;
        }

        private LocalTime parseBound(String field, String text, String boundRu, String boundEn) {
            if (isBlank(text)) {
                errors.add(new FieldError(field,
                        "Укажите время «" + boundRu + "» запрета (ЧЧ:мм) или оставьте пустыми обе границы.",
                        "Enter the window's '" + boundEn + "' time (HH:mm), or leave both bounds empty."));
                return null;
            }
            Optional<LocalTime> parsed = ScheduleFormats.parseWindowBound(text);
            if (parsed.isEmpty()) {
                errors.add(new FieldError(field,
                        "Время «" + text + "» (запрет " + boundRu + ") не распознано: ожидается ЧЧ:мм, например 06:00.",
                        "Time '" + text + "' (window " + boundEn + ") is not understood: expected HH:mm, e.g. 06:00."));
            }
            return parsed.orElse(null);
        }

        private static boolean isBlank(String text) {
            return text == null || text.isBlank();
        }

        private static String strip(String text) {
            return text == null ? null : text.strip();
        }

        private static <E> String wireNames(E[] values, Function<E, String> wireName) {
            return Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
        }
    }
}
