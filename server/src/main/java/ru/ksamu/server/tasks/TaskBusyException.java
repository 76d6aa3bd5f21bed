package ru.ksamu.server.tasks;

import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;

/** The task already runs or waits in the thread manager; a task never runs twice at once (409 {@code BUSY}). */
public class TaskBusyException extends ProblemException {

    public TaskBusyException(String name) {
        super(ServerProblem.BUSY.problem("Задание «" + name + "» уже выполняется или ждёт очереди",
                "task '" + name + "' is already running or waiting"));
    }
}
