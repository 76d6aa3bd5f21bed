package ru.ksamu.server.tasks;

import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;

/** No task with this id (404 {@code NOT_FOUND}). */
public class TaskNotFoundException extends ProblemException {

    public TaskNotFoundException(long id) {
        super(ServerProblem.NOT_FOUND.problem("Задание #" + id + " не найдено", "task #" + id + " not found"));
    }
}
