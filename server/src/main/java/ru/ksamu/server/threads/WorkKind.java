package ru.ksamu.server.threads;

/** How a unit of work came to run, as the thread manager shows it. */
public enum WorkKind {
    SCHEDULED("по расписанию", "scheduled"),
    MANUAL("вручную", "manual"),
    BACKGROUND("фоновая", "background");

    private final String ru;
    private final String en;

    WorkKind(String ru, String en) {
        this.ru = ru;
        this.en = en;
    }

    public String ru() {
        return ru;
    }

    public String en() {
        return en;
    }
}
