package ru.ksamu.server.logs;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Tells the live log streams that entries up to some id exist; they wait on it instead of polling. */
@Component
class RunLogBus {

    private long latest;
    private boolean poked;

    synchronized void published(long id) {
        if (id > latest) {
            latest = id;
            notifyAll();
        }
    }

    /** Wakes the waiting streams without a new entry (a new subscriber wants its backlog). */
    synchronized void poke() {
        poked = true;
        notifyAll();
    }

    /** Waits until an entry newer than {@code than} exists or {@code max} passes; returns the latest id. */
    synchronized long awaitNewer(long than, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (latest <= than && !poked) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        poked = false;
        return latest;
    }
}
