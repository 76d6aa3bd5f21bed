package ru.ksamu.server.threads;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the thread manager records its units: each gets a lasting run id when it is submitted, its
 * start and end, and the entries of its run log.
 */
public interface WorkJournal {

    /** Records a submitted unit and returns its run id. */
    long open(WorkRequest request, Instant submittedAt);

    void started(long runId, Instant at);

    void finished(WorkSnapshot unit);

    void log(WorkSnapshot unit, WorkContext.LogLevel level, String messageRu);

    /** A journal that keeps nothing but numbers runs, for tests of the gate alone. */
    static WorkJournal counting() {
        AtomicLong ids = new AtomicLong();
        return new WorkJournal() {
            @Override
            public long open(WorkRequest request, Instant submittedAt) {
                return ids.incrementAndGet();
            }

            @Override
            public void started(long runId, Instant at) {
            }

            @Override
            public void finished(WorkSnapshot unit) {
            }

            @Override
            public void log(WorkSnapshot unit, WorkContext.LogLevel level, String messageRu) {
            }
        };
    }
}
