package ru.ksamu.server.tasks;

import java.util.List;
import java.util.Map;

/**
 * A task as the editor or the API sends it: the fields of the article's Figure 1 as text.
 *
 * @param type              task type key (Задача)
 * @param name              Наименование
 * @param start             Дата начала выполнения, {@code dd.MM.yyyy H:mm:ss}
 * @param periodicity       Запуск задачи: ONCE, MINUTES_2 ... MONTH
 * @param forbiddenWeekdays Запрет на выполнение: MONDAY ... SUNDAY
 * @param forbiddenFrom     Запрет на выполнение задачи с, {@code HH:mm}
 * @param forbiddenTo       ... по, {@code HH:mm}
 * @param days              Выполнять по дням: ALL, EVEN, ODD
 * @param options           the type's options (Опции)
 * @param enabled           whether it is scheduled
 */
public record TaskForm(String type, String name, String start, String periodicity, List<String> forbiddenWeekdays,
                       String forbiddenFrom, String forbiddenTo, String days, Map<String, String> options,
                       Boolean enabled) {

    public TaskForm {
        forbiddenWeekdays = forbiddenWeekdays == null ? List.of() : List.copyOf(forbiddenWeekdays);
        options = options == null ? Map.of() : Map.copyOf(options);
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }
}
