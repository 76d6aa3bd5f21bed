package ru.ksamu.server.logs;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Tells the live log streams that entries up to some id exist; they wait on it instead of polling. */
@Component
class RunLogBus {

    private long latest;

    synchronized void published(long id) {
        if (id > latest) {
            latest = id;
            notifyAll();
        }
    }

    /** Waits until an entry newer than {@code than} exists or {@code max} passes; returns the latest id. */
    synchronized long awaitNewer(long than, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (latest <= than) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return latest;
    }
}
