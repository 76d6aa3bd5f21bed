package ru.ksamu.server.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ru.ksamu.schedule.ScheduleValidator.FieldError;

/** Checks a task's options against its type: unknown keys, missing required values, bad values. */
final class TaskOptions {

    private TaskOptions() {
    }

    static List<FieldError> check(TaskType type, Map<String, String> options, Set<String> databases) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = type.options().stream().map(TaskOption::key).collect(Collectors.toSet());
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError("options." + key,
                        "Опция «" + key + "» не подходит для задачи «" + type.titleRu() + "»"
                                + (known.isEmpty() ? " (у неё нет опций)" : " (допустимы: " + String.join(", ", known) + ")"),
                        "Option '" + key + "' does not fit task type " + type.key()));
            }
        }
        for (TaskOption o : type.options()) {
            String v = options.get(o.key());
            if (v == null || v.isBlank()) {
                if (o.required() && o.defaultValue() == null) {
                    errors.add(new FieldError("options." + o.key(), "Укажите «" + o.labelRu() + "»",
                            "Option '" + o.key() + "' is required"));
                }
                continue;
            }
            String[] bad = switch (o.kind()) {
                case NUMBER -> v.strip().matches("\\d{1,9}") ? null
                        : new String[] {"нужно целое число не меньше 0", "a whole number of 0 or more is needed"};
                case FLAG -> v.equals("true") || v.equals("false") ? null
                        : new String[] {"нужно true или false", "true or false is needed"};
                case DATABASE -> databases.contains(v) ? null
                        : new String[] {"нет такой базы (есть: " + String.join(", ", databases) + ")",
                                "no such database (there are: " + String.join(", ", databases) + ")"};
                case FOLDER, TEXT -> v.length() > 500 ? new String[] {"слишком длинное значение", "the value is too long"}
                        : hasControlCharacters(v) ? new String[] {
                                "управляющие символы (перевод строки, табуляция и т. п.) недопустимы",
                                "control characters (line breaks, tabs and the like) are not allowed"} : null;
            };
            if (bad != null) {
                errors.add(new FieldError("options." + o.key(), "«" + o.labelRu() + "» = «" + v + "»: " + bad[0],
                        "Option '" + o.key() + "' = '" + v + "': " + bad[1]));
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(type.checkOptions(withDefaults(type, options)));
        }
        return errors;
    }

    /** Line breaks, tabs, escapes and the like: they would forge lines in logs and break the table's layout. */
    static boolean hasControlCharacters(String v) {
        return v.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    /** The given options with the type's defaults filled in. */
    static Map<String, String> withDefaults(TaskType type, Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TaskOption o : type.options()) {
            String v = options.get(o.key());
            if (v != null && !v.isBlank()) {
                out.put(o.key(), v.strip());
            } else if (o.defaultValue() != null) {
                out.put(o.key(), o.defaultValue());
            }
        }
        return out;
    }
}
