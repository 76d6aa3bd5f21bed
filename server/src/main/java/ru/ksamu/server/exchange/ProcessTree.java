package ru.ksamu.server.exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a program with everything it started, on Linux and Windows: the JDK's process handles, no
 * {@code kill} or {@code taskkill}. A child whose parent already ended is no longer the root's
 * descendant, so the caller also passes every descendant it saw while the program ran.
 */
final class ProcessTree {

    /** After the forcible end, how long to wait for the system to confirm it. */
    static final Duration FORCED_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /**
     * Asks the root and its descendants (now and seen before) to end, waits up to {@code grace},
     * then ends the rest forcibly. Returns the processes still alive after all that (normally none).
     */
    static List<ProcessHandle> end(ProcessHandle root, Collection<ProcessHandle> seen, Duration grace)
            throws InterruptedException {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(root);
        root.descendants().forEach(all::add);
        all.addAll(seen);
        return endAll(all, grace);
    }

    /** Ends the given processes (those still alive): politely, then after {@code grace} forcibly. */
    static List<ProcessHandle> endAll(Collection<ProcessHandle> processes, Duration grace) throws InterruptedException {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        List<ProcessHandle> left = waitFor(alive, grace);
        left.forEach(ProcessHandle::destroyForcibly);
        return waitFor(left, FORCED_WAIT);
    }

    private static List<ProcessHandle> waitFor(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        if (processes.isEmpty()) {
            return processes;
        }
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Some are still alive: the caller decides what comes next.
        }
        return new ArrayList<>(processes.stream().filter(ProcessHandle::isAlive).toList());
    }
}
