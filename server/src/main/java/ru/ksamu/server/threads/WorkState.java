package ru.ksamu.server.threads;

/** The life of a unit of work in the thread manager. */
public enum WorkState {
    WAITING("ожидает", "waiting"),
    RUNNING("выполняется", "running"),
    STOPPING("останавливается", "stopping"),
    DONE("завершена", "done"),
    FAILED("ошибка", "failed"),
    STOPPED("остановлена", "stopped");

    private final String ru;
    private final String en;

    WorkState(String ru, String en) {
        this.ru = ru;
        this.en = en;
    }

    public String ru() {
        return ru;
    }

    public String en() {
        return en;
    }

    public boolean finished() {
        return this == DONE || this == FAILED || this == STOPPED;
    }
}
