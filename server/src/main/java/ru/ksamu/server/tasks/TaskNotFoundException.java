package ru.ksamu.server.tasks;

/** No task with this id. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(long id) {
        super("Задание #" + id + " не найдено / task #" + id + " not found");
    }
}
