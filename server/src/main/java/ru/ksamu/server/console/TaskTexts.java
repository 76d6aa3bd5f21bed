package ru.ksamu.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
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
            case FLAG -> messages.getMessage(key + "." + v, null, "", locale);
            case NUMBER -> v.matches("\\d{1,9}") ? Plurals.format(messages, key, Long.parseLong(v), locale) : v;
        };
    }

    /** A managed database's name as the admin knows it: its configured title, in English the bundle's word. */
    String databaseTitle(String name, Locale locale) {
        String title = databases.find(name).map(ManagedDatabase::title).orElse(name);
        return messages.getMessage("database." + name, null, title, locale);
    }

    /** "успешно 02.12.2026 3:00:04", "ошибка: …", "выполняется"; empty before the first run. */
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
