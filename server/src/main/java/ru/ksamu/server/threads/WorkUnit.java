package ru.ksamu.server.threads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** The mutable state of one unit; fields are written by its own thread and read by viewers. */
final class WorkUnit implements WorkContext {

    final long id;
    final WorkRequest request;
    final CompletableFuture<WorkSnapshot> completion = new CompletableFuture<>();
    private final Clock clock;
    private final ThreadManager manager;

    final Instant submittedAt;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    volatile WorkState state = WorkState.WAITING;
    volatile String step = "";
    volatile Integer progress;
    volatile String waitingFor = "";
    volatile String waitingForEn = "";
    volatile boolean stopRequested;
    volatile Instant stopRequestedAt;
    volatile int criticalDepth;
    volatile String error;
    volatile boolean reportedUnresponsive;

    WorkUnit(long id, WorkRequest request, Clock clock, ThreadManager manager) {
        this.id = id;
        this.request = request;
        this.clock = clock;
        this.manager = manager;
        this.submittedAt = clock.instant();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public void checkpoint() {
        if (stopRequested && criticalDepth == 0) {
            throw new WorkCancelledException(request.name());
        }
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void step(String stepRu) {
        this.step = stepRu == null ? "" : stepRu;
    }

    @Override
    public void progress(int percent) {
        this.progress = Math.max(0, Math.min(100, percent));
    }

    @Override
    public void progressUnknown() {
        this.progress = null;
    }

    @Override
    public <T> T critical(String stepRu, Callable<T> body) throws Exception {
        step(stepRu);
        criticalDepth++;
        try {
            return body.call();
        } finally {
            criticalDepth--;
        }
    }

    @Override
    public void log(LogLevel level, String messageRu) {
        manager.log(this, level, messageRu);
    }

    boolean unresponsive(Duration stopTimeout) {
        Instant asked = stopRequestedAt;
        return asked != null && !state.finished() && criticalDepth == 0
                && Duration.between(asked, clock.instant()).compareTo(stopTimeout) > 0;
    }

    WorkSnapshot snapshot(Duration stopTimeout) {
        Instant start = startedAt;
        Instant end = finishedAt;
        Duration elapsed = start == null ? Duration.ZERO : Duration.between(start, end == null ? clock.instant() : end);
        return new WorkSnapshot(id, request.name(), request.kind(), request.startedBy(), request.exclusive(),
                request.system(), request.taskId(), state, submittedAt, start, end, elapsed, step, progress,
                state == WorkState.WAITING ? waitingFor : "", state == WorkState.WAITING ? waitingForEn : "",
                criticalDepth > 0, unresponsive(stopTimeout), error);
    }
}
