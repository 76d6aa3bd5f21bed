package ru.ksamu.server.threads;

/** How a unit of work came to run, as the thread manager shows it. */
public enum WorkKind {
    SCHEDULED("по расписанию", "scheduled"),
    MANUAL("вручную", "manual"),
    BACKGROUND("фоновая", "background"),
    /**
     * A viewer's open stream (the live log): accounted for while it runs, but not work an admin
     * started or waits for, so the console does not list it and it leaves no history behind.
     */
    STREAM("поток просмотра", "viewer stream");

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
