package ru.ksamu.server.tasks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The registry of task types: every {@link TaskType} bean, then the types of each
 * {@link TaskTypeSource} (plug-ins), by key. Fixed once built: a plug-in comes with a restart.
 */
@Component
public class TaskTypes {

    private final Map<String, TaskType> byKey = new LinkedHashMap<>();

    TaskTypes(List<TaskType> types, ObjectProvider<TaskTypeSource> sources) {
        types.forEach(this::add);
        sources.orderedStream().forEach(s -> s.taskTypes(Set.copyOf(byKey.keySet())).forEach(this::add));
    }

    private void add(TaskType t) {
        TaskType old = byKey.put(t.key(), t);
        if (old != null) {
            throw new IllegalStateException("Two task types share the key " + t.key() + ": "
                    + old.getClass().getName() + " and " + t.getClass().getName());
        }
    }

    public Optional<TaskType> find(String key) {
        return Optional.ofNullable(key).map(byKey::get);
    }

    public Collection<TaskType> all() {
        return byKey.values();
    }
}
