package ru.ksamu.server.console;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import ru.ksamu.schedule.DayParity;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.tasks.TaskTypes;
import ru.ksamu.server.tasks.TaskView;
import ru.ksamu.server.text.Plurals;

/**
 * The task table's words: "Опции" as the article writes them ("Главная база, E:\Backup, хранить 7
 * копий") and "Последний запуск" as "успешно 02.12.2026 3:00:04" or "ошибка: …", from the bundles
 * ({@code task.option.<TYPE>.<key>}, plural variants for numbers, {@code .true} / {@code .false}
 * for flags).
 */
@Component
class TaskTexts {

    private final MessageSource messages;
    private final TaskTypes types;
    private final ManagedDatabases databases;

    TaskTexts(MessageSource messages, TaskTypes types, ManagedDatabases databases) {
        this.messages = messages;
        this.types = types;
        this.databases = databases;
    }

    /** One row of the table in the console's language. */
    TaskRow row(TaskView t, Locale locale) {
        Set<DayOfWeek> weekdays = t.forbiddenWeekdays().stream().map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
        return new TaskRow(t, options(t, locale), lastRun(t, locale),
                Periodicity.fromWireName(t.periodicity()).map(p -> p.tableLabel(locale)).orElse(t.periodicity()),
                DayParity.fromWireName(t.days()).map(d -> d.tableLabel(locale)).orElse(t.days()),
                ScheduleFormats.forbiddenWeekdays(weekdays, locale));
    }

    /** One row of the table: the task, its options and last run in words, its schedule's labels. */
    record TaskRow(TaskView task, String options, String lastRun, String periodicity, String days, String weekdays) {
        /** "ok", "failed" or "" for the last run's cell. */
        public String lastClass() {
            return task.lastState() == null ? "" : switch (task.lastState()) {
                case "DONE" -> "ok";
                case "FAILED", "STOPPED" -> "failed";
                default -> "";
            };
        }
    }

    /**
     * The editor's labels of every type's options, by {@code TYPE.key}: the bundle's
     * {@code task.option.<TYPE>.<key>.label}, else the type's own Russian label.
     */
    Map<String, String> optionLabels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (TaskType type : types.all()) {
            for (TaskOption o : type.options()) {
                String key = type.key() + "." + o.key();
                labels.put(key, messages.getMessage("task.option." + key + ".label", null, o.labelRu(), locale));
            }
        }
        return labels;
    }

    /** The options of a task in words, comma-separated; empty when the type has none. */
    String options(TaskView t, Locale locale) {
        Optional<TaskType> type = types.find(t.type());
        if (type.isEmpty()) {
            return String.join(", ", t.optionValues().values());
        }
        List<String> parts = new ArrayList<>();
        for (TaskOption o : type.get().options()) {
            String v = t.optionValues().get(o.key());
            if (v == null || v.isBlank()) {
                continue;
            }
            String text = option(t.type(), o, v.strip(), locale);
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        return String.join(", ", parts);
    }

    private String option(String type, TaskOption o, String v, Locale locale) {
        String key = "task.option." + type + "." + o.key();
        return switch (o.kind()) {
            case DATABASE -> databaseTitle(v, locale);
            case FOLDER, TEXT -> v;
            case FLAG -> messages.getMessage(key + "." + v, null, "true".equals(v) ? o.labelRu() : "", locale);
            case NUMBER -> number(key, v, locale);
        };
    }

    /** A number in words by the bundle's plural variants; as typed when the bundle has none. */
    private String number(String key, String v, Locale locale) {
        if (!v.matches("\\d{1,9}")) {
            return v;
        }
        try {
            return Plurals.format(messages, key, Long.parseLong(v), locale);
        } catch (NoSuchMessageException e) {
            return v;
        }
    }

    /** A managed database's name as the admin knows it: its configured title, in English the bundle's word. */
    String databaseTitle(String name, Locale locale) {
        String title = databases.find(name).map(ManagedDatabase::title).orElse(name);
        return messages.getMessage("database." + name, null, title, locale);
    }

    /**
     * "успешно 02.12.2026 3:00:04", "ошибка:" (the stored error follows in the page, marked as stored
     * text), "выполняется"; empty before the first run.
     */
    String lastRun(TaskView t, Locale locale) {
        if (t.lastState() == null) {
            return "";
        }
        String when = t.lastFinishedAt() == null ? "" : t.lastFinishedAt();
        String error = t.lastError() == null ? "" : t.lastError();
        return messages.getMessage("task.last." + t.lastState(), new Object[] {when, error},
                t.lastState() + " " + when, locale).strip();
    }

    /** The type's title in the console's language. */
    String typeTitle(String key, Locale locale) {
        return types.find(key).map(ty -> "ru".equals(locale.getLanguage()) ? ty.titleRu() : ty.titleEn()).orElse(key);
    }
}
