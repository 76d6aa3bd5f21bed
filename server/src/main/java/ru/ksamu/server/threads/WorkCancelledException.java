package ru.ksamu.server.threads;

/** Thrown at a safe point when the unit was asked to stop; the thread manager marks it "остановлена". */
public class WorkCancelledException extends RuntimeException {

    public WorkCancelledException(String unitName) {
        super("Задача \"" + unitName + "\" остановлена по запросу / stopped on request");
    }
}
