package ru.ksamu.server.threads;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Менеджер потоков: every unit of work of the server runs here, visibly.
 *
 * <p>The exclusive gate is one FIFO queue: a unit starts when it reaches the head and its rule
 * allows it (an exclusive unit when nothing runs; a shared one when no exclusive unit runs and the
 * pool has room). Nobody overtakes, so nobody starves, and every waiting unit can say for whom it
 * waits. System work (event streams, countdowns) bypasses the gate and "stop all".
 */
public class ThreadManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ThreadManager.class);

    private final ThreadSettings settings;
    private final Clock clock;
    private final WorkJournal journal;
    private final ExecutorService executor;
    private final ScheduledExecutorService watchdog;
    private final GateWatch gateWatch;

    private final Deque<WorkUnit> queue = new ArrayDeque<>();
    private final Map<Long, WorkUnit> running = new LinkedHashMap<>();
    private final Deque<WorkUnit> finished = new ArrayDeque<>();

    public ThreadManager(ThreadSettings settings, Clock clock, WorkJournal journal) {
        this(settings, clock, journal, GateWatch.NONE);
    }

    /** @param gateWatch told of every gated unit as it passes the gate (the metrics' gate timer) */
    ThreadManager(ThreadSettings settings, Clock clock, WorkJournal journal, GateWatch gateWatch) {
        this.settings = settings;
        this.gateWatch = gateWatch;
        this.clock = clock;
        this.journal = journal;
        this.executor = Executors.newCachedThreadPool(named("ksamu-work-"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(named("ksamu-threads-watchdog-"));
        long period = Math.max(100, settings.stopTimeout().toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::reportUnresponsive, period, period, TimeUnit.MILLISECONDS);
    }

    /** Queues a unit; it starts as soon as the gate lets it. */
    public WorkHandle submit(WorkRequest request) {
        WorkUnit unit = new WorkUnit(journal.open(request, clock.instant()), request, clock, this);
        synchronized (this) {
            if (request.system()) {
                start(unit);
            } else {
                queue.addLast(unit);
                dispatch();
            }
        }
        return new WorkHandle(unit.id, unit.completion);
    }

    /** Running and waiting units first (oldest first), then the recently finished ones (newest first). */
    public synchronized List<WorkSnapshot> list() {
        List<WorkSnapshot> out = new ArrayList<>();
        running.values().forEach(u -> out.add(u.snapshot(settings.stopTimeout())));
        queue.forEach(u -> out.add(u.snapshot(settings.stopTimeout())));
        out.sort(Comparator.comparingLong(WorkSnapshot::id));
        finished.descendingIterator().forEachRemaining(u -> out.add(u.snapshot(settings.stopTimeout())));
        return out;
    }

    public synchronized Optional<WorkSnapshot> get(long id) {
        return find(id).map(u -> u.snapshot(settings.stopTimeout()));
    }

    /** Whether a unit for this task is waiting or running now. */
    public synchronized boolean isActive(long taskId) {
        return running.values().stream().anyMatch(u -> Long.valueOf(taskId).equals(u.request.taskId()))
                || queue.stream().anyMatch(u -> Long.valueOf(taskId).equals(u.request.taskId()));
    }

    /** Asks one unit to stop at its next safe point; a waiting unit is removed at once. */
    public synchronized boolean stop(long id, String by) {
        Optional<WorkUnit> unit = find(id).filter(u -> !u.state.finished());
        unit.ifPresent(u -> requestStop(u, by));
        return unit.isPresent();
    }

    /** Остановка выполняемых задач: stops every task unit, running or waiting; system work goes on. */
    public synchronized int stopAll(String by) {
        List<WorkUnit> targets = new ArrayList<>(running.values());
        targets.addAll(queue);
        int n = 0;
        for (WorkUnit u : targets) {
            if (!u.request.system()) {
                requestStop(u, by);
                n++;
            }
        }
        return n;
    }

    private void requestStop(WorkUnit u, String by) {
        if (u.stopRequested) {
            return;
        }
        u.stopRequested = true;
        u.stopRequestedAt = clock.instant();
        log(u, WorkContext.LogLevel.WARN, "Запрошена остановка (" + by + ")");
        if (u.state == WorkState.WAITING) {
            queue.remove(u);
            finish(u, WorkState.STOPPED, null);
            dispatch();
        } else {
            u.state = WorkState.STOPPING;
        }
    }

    private Optional<WorkUnit> find(long id) {
        WorkUnit u = running.get(id);
        if (u == null) {
            u = queue.stream().filter(q -> q.id == id).findFirst()
                    .orElseGet(() -> finished.stream().filter(f -> f.id == id).findFirst().orElse(null));
        }
        return Optional.ofNullable(u);
    }

    /** Starts every unit the FIFO rule allows and tells the others for whom they wait. */
    private void dispatch() {
        while (!queue.isEmpty()) {
            WorkUnit head = queue.peekFirst();
            if (!mayStart(head)) {
                break;
            }
            queue.pollFirst();
            start(head);
        }
        describeWaits();
    }

    private boolean mayStart(WorkUnit u) {
        List<WorkUnit> tasks = runningTasks();
        if (u.request.exclusive()) {
            return tasks.isEmpty();
        }
        return tasks.stream().noneMatch(r -> r.request.exclusive()) && tasks.size() < settings.poolSize();
    }

    private List<WorkUnit> runningTasks() {
        return running.values().stream().filter(r -> !r.request.system()).toList();
    }

    private void describeWaits() {
        List<WorkUnit> tasks = runningTasks();
        WorkUnit exclusiveAhead = tasks.stream().filter(r -> r.request.exclusive()).findFirst().orElse(null);
        for (WorkUnit u : queue) {
            if (exclusiveAhead != null) {
                String unit = "«" + exclusiveAhead.request.name() + "» (#" + exclusiveAhead.id + ")";
                u.waitingFor = "ждёт монопольную задачу " + unit;
                u.waitingForEn = "waits for the exclusive task " + unit;
            } else if (u.request.exclusive() && !tasks.isEmpty()) {
                String units = tasks.stream().map(r -> "«" + r.request.name() + "» (#" + r.id + ")")
                        .collect(Collectors.joining(", "));
                u.waitingFor = "ждёт окончания: " + units;
                u.waitingForEn = "waits for the end of " + units;
            } else if (tasks.size() >= settings.poolSize()) {
                u.waitingFor = "ждёт свободный поток (занято " + tasks.size() + " из " + settings.poolSize() + ")";
                u.waitingForEn = "waits for a free thread (" + tasks.size() + " of " + settings.poolSize() + " busy)";
            } else {
                u.waitingFor = "ждёт своей очереди";
                u.waitingForEn = "waits for its turn";
            }
            if (u.request.exclusive()) {
                exclusiveAhead = u;
            }
        }
    }

    private void start(WorkUnit u) {
        running.put(u.id, u);
        u.state = WorkState.RUNNING;
        u.waitingFor = "";
        u.waitingForEn = "";
        u.startedAt = clock.instant();
        if (!u.request.system()) {
            passedGate(u);
        }
        try {
            journal.started(u.id, u.startedAt);
        } catch (RuntimeException e) {
            log.error("Cannot record the start of unit #{}: {}", u.id, e.toString());
        }
        executor.execute(() -> runUnit(u));
    }

    private void passedGate(WorkUnit u) {
        try {
            gateWatch.passed(u.request.exclusive(), Duration.between(u.submittedAt, u.startedAt));
        } catch (RuntimeException e) {
            log.warn("Cannot measure the gate wait of unit #{}: {}", u.id, e.toString());
        }
    }

    private void runUnit(WorkUnit u) {
        Thread t = Thread.currentThread();
        String oldName = t.getName();
        t.setName("ksamu-work-" + u.id);
        WorkState outcome = WorkState.DONE;
        String error = null;
        try {
            u.request.work().run(u);
            if (u.stopRequested) {
                outcome = WorkState.STOPPED;
            }
        } catch (WorkCancelledException e) {
            outcome = WorkState.STOPPED;
        } catch (InterruptedException e) {
            outcome = u.stopRequested ? WorkState.STOPPED : WorkState.FAILED;
            error = "прервана / interrupted";
        } catch (Throwable e) {
            outcome = WorkState.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Unit #{} '{}' failed", u.id, u.request.name(), e);
            log(u, WorkContext.LogLevel.ERROR, "Завершено с ошибкой: " + error); // the reason, where the admin reads
        } finally {
            t.setName(oldName);
        }
        synchronized (this) {
            running.remove(u.id);
            finish(u, outcome, error);
            dispatch();
        }
    }

    private void finish(WorkUnit u, WorkState outcome, String error) {
        u.state = outcome;
        u.error = error;
        u.finishedAt = clock.instant();
        if (u.startedAt == null) {
            u.startedAt = u.finishedAt;
        }
        if (u.request.kind() != WorkKind.STREAM) {
            finished.addLast(u);
        }
        while (finished.size() > settings.history()) {
            finished.pollFirst();
        }
        WorkSnapshot last = u.snapshot(settings.stopTimeout());
        // Recorded and announced outside this lock: completion callbacks (the task engine re-arming
        // its trigger) take their own locks and may call back into the thread manager.
        Runnable announce = () -> {
            try {
                journal.finished(last);
            } catch (RuntimeException e) {
                log.error("Cannot record the end of unit #{}: {}", u.id, e.toString());
            }
            u.completion.complete(last);
        };
        try {
            executor.execute(announce);
        } catch (RejectedExecutionException shuttingDown) {
            CompletableFuture.runAsync(announce); // still outside this lock
        }
    }

    private void reportUnresponsive() {
        List<WorkUnit> late;
        synchronized (this) {
            late = running.values().stream()
                    .filter(u -> !u.reportedUnresponsive && u.unresponsive(settings.stopTimeout())).toList();
            late.forEach(u -> u.reportedUnresponsive = true);
        }
        for (WorkUnit u : late) {
            log(u, WorkContext.LogLevel.ERROR, "Задача не отвечает на остановку дольше "
                    + settings.stopTimeout().toSeconds() + " с и продолжает работать");
        }
    }

    void log(WorkUnit u, WorkContext.LogLevel level, String messageRu) {
        try {
            journal.log(u.snapshot(settings.stopTimeout()), level, messageRu);
        } catch (RuntimeException e) {
            log.error("Cannot write the run log of unit #{}: {}", u.id, e.toString());
        }
    }

    /** Stops every unit (system work too) and waits a little for them to end. */
    @Override
    public void close() {
        synchronized (this) {
            queue.forEach(u -> {
                u.stopRequested = true;
                finish(u, WorkState.STOPPED, null);
            });
            queue.clear();
            running.values().forEach(u -> {
                u.stopRequested = true;
                u.stopRequestedAt = clock.instant();
            });
        }
        watchdog.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Units still running after {}: {}", settings.stopTimeout(), list().stream()
                        .filter(s -> !s.state().finished()).map(WorkSnapshot::name).toList());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A submitted unit: its id and its completion. */
    public record WorkHandle(long id, CompletableFuture<WorkSnapshot> completion) {
    }
}
