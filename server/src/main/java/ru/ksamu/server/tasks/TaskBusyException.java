package ru.ksamu.server.tasks;

/** The task already runs or waits in the thread manager; a task never runs twice at once. */
public class TaskBusyException extends RuntimeException {

    public TaskBusyException(String name) {
        super("Задание «" + name + "» уже выполняется или ждёт очереди / task is already running or waiting");
    }
}
