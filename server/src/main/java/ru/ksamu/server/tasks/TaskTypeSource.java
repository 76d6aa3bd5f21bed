package ru.ksamu.server.tasks;

import java.util.List;
import java.util.Set;

/**
 * Task types that are not Spring beans of the server itself (the plug-ins of {@code <data>/plugins}).
 * Asked once, when the registry is built; a source leaves out, and reports itself, any type whose
 * key is already taken.
 */
public interface TaskTypeSource {

    /** The source's task types, none of them keyed as one of {@code takenKeys}. */
    List<TaskType> taskTypes(Set<String> takenKeys);
}
