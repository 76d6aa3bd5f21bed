package ru.ksamu.server.threads;

import java.util.concurrent.Callable;

/** What a running unit sees of the thread manager: its stop flag, its step, its progress, its log. */
public interface WorkContext {

    long id();

    /** A safe point: throws {@link WorkCancelledException} when a stop was requested (outside critical sections). */
    void checkpoint();

    boolean stopRequested();

    /** The current step, in Russian, shown in the thread manager. */
    void step(String stepRu);

    /** Progress in percent (0..100). */
    void progress(int percent);

    /** Progress unknown (the default). */
    void progressUnknown();

    /**
     * Runs a step that must not be cut: a stop requested meanwhile waits until it ends and the
     * unit shows that it is finishing a critical step.
     */
    <T> T critical(String stepRu, Callable<T> body) throws Exception;

    /** Writes an entry to the run's log (Russian, as the admin reads it). */
    void log(LogLevel level, String messageRu);

    /** Levels of run-log entries. */
    enum LogLevel { INFO, WARN, ERROR }
}
