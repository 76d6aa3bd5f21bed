package ru.ksamu.server.logs;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Tells the live log streams that entries up to some id exist; they wait on it instead of polling. */
@Component
class RunLogBus {

    private long latest;
    private long pokes;

    synchronized void published(long id) {
        if (id > latest) {
            latest = id;
            notifyAll();
        }
    }

    /** Wakes every waiting stream without a new entry (a stream was closed, or the server stops). */
    synchronized void poke() {
        pokes++;
        notifyAll();
    }

    /**
     * Waits until an entry newer than {@code than} exists, a poke comes, or {@code max} passes;
     * returns the latest id.
     */
    synchronized long awaitNewer(long than, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long pokesAtStart = pokes;
        while (latest <= than && pokes == pokesAtStart) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return latest;
    }
}
