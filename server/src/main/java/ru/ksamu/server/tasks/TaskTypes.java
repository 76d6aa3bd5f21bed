package ru.ksamu.server.tasks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The registry of task types: every {@link TaskType} bean, by key. */
@Component
public class TaskTypes {

    private final Map<String, TaskType> byKey = new LinkedHashMap<>();

    TaskTypes(List<TaskType> types) {
        for (TaskType t : types) {
            TaskType old = byKey.put(t.key(), t);
            if (old != null) {
                throw new IllegalStateException("Two task types share the key " + t.key() + ": "
                        + old.getClass().getName() + " and " + t.getClass().getName());
            }
        }
    }

    public Optional<TaskType> find(String key) {
        return Optional.ofNullable(key).map(byKey::get);
    }

    public Collection<TaskType> all() {
        return byKey.values();
    }
}
