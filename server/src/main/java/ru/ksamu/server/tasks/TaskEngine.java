package ru.ksamu.server.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.schedule.Offsets;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;

/**
 * Runs tasks on time. Our schedule model is the one source of fire times: Quartz holds a single
 * one-shot trigger per task at the nearest start the model computed, and the engine re-arms it
 * after every firing. At firing time the model is asked again, so a trigger that comes due inside
 * a forbidden moment (after downtime, say) moves to the next allowed one; a trigger that fires
 * while the task is still busy is remembered and run once when it finishes, never as a burst.
 */
@Component
class TaskEngine {

    static final String GROUP = "ksamu-tasks";
    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

    private final TaskStore store;
    private final TaskTypes types;
    private final ThreadManager threads;
    private final Scheduler quartz;
    private final InstallationStore installation;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TaskMetrics metrics;

    TaskEngine(TaskStore store, TaskTypes types, ThreadManager threads, Scheduler quartz,
               InstallationStore installation, Clock clock, TransactionTemplate tx, TaskMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.types = types;
        this.threads = threads;
        this.quartz = quartz;
        this.installation = installation;
        this.clock = clock;
        this.tx = tx;
    }

    /** The grid offset of a task type: the per-installation one for cloud-facing types, else zero. */
    Duration offset(String type, Periodicity p) {
        boolean cloud = types.find(type).map(TaskType::cloudOffset).orElse(false);
        return cloud && p != Periodicity.ONCE ? Offsets.forInstallation(installation.get().id(), p) : Duration.ZERO;
    }

    Optional<TaskDefinition> find(long id) {
        return store.find(id, this::offset);
    }

    ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    /** Puts the task's trigger at its nearest start (or removes it when there is none). */
    synchronized Optional<Instant> arm(TaskDefinition task) {
        Optional<Instant> next = task.enabled() && types.find(task.type()).isPresent()
                ? task.schedule().nearestStart(now()).map(ZonedDateTime::toInstant)
                : Optional.empty();
        placeTrigger(task.id(), next);
        return next;
    }

    /** Makes sure every enabled task has a trigger; a stored trigger (maybe overdue) is kept. */
    synchronized void armMissing() throws SchedulerException {
        for (TaskDefinition t : store.all(this::offset)) {
            if (quartz.getTrigger(triggerKey(t.id())) == null) {
                arm(t);
            } else if (!t.enabled()) {
                placeTrigger(t.id(), Optional.empty());
            }
        }
    }

    synchronized void forget(long id) {
        tx.executeWithoutResult(status -> {
            try {
                quartz.deleteJob(jobKey(id));
            } catch (SchedulerException e) {
                throw new IllegalStateException("Cannot remove the trigger of task #" + id, e);
            }
        });
    }

    /**
     * Replaces the task's trigger in one transaction: Quartz's JDBC store takes its row locks
     * only inside a transaction, and a half-placed trigger must never be left behind.
     */
    private void placeTrigger(long id, Optional<Instant> at) {
        tx.executeWithoutResult(status -> {
            try {
                quartz.unscheduleJob(triggerKey(id));
                if (at.isPresent()) {
                    JobDetail job = JobBuilder.newJob(TaskFireJob.class).withIdentity(jobKey(id))
                            .usingJobData(TaskFireJob.TASK_ID, Long.toString(id)).storeDurably().build();
                    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(id)).forJob(job)
                            .startAt(Date.from(at.get()))
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                            .build();
                    quartz.addJob(job, true);
                    quartz.scheduleJob(trigger);
                }
                store.nextFire(id, at.orElse(null));
            } catch (SchedulerException e) {
                throw new IllegalStateException("Cannot place the trigger of task #" + id, e);
            }
        });
    }

    /**
     * Quartz fired the task's trigger, planned for {@code plannedAt}. The model is asked again:
     * runs missed while the server was down, or a run due in a forbidden moment, collapse into one
     * run at the first allowed moment; a run due while the task is busy waits for its end.
     */
    synchronized void fired(long id, Instant plannedAt) {
        Optional<TaskDefinition> found = find(id);
        if (found.isEmpty()) {
            return;
        }
        TaskDefinition task = found.get();
        try {
            if (!task.enabled()) {
                placeTrigger(id, Optional.empty());
                return;
            }
            if (threads.isActive(id)) {
                store.missed(id, true);
                store.nextFire(id, null);
                log.info("Task #{} '{}' is still busy; its run is coalesced until it finishes", id, task.name());
                return;
            }
            Optional<Instant> when = firstAllowed(task, plannedAt);
            if (when.isPresent() && when.get().isAfter(clock.instant())) {
                placeTrigger(id, when);
                return;
            }
            if (when.isEmpty()) {
                arm(task);
                return;
            }
            start(task, WorkKind.SCHEDULED, WorkRequest.SCHEDULER_USER, plannedAt);
        } catch (RuntimeException e) {
            // The one-shot trigger is used up: put it back, or the task would never fire again.
            log.error("Task #{} could not start at {}; re-arming", id, plannedAt, e);
            arm(task);
        }
    }

    /**
     * The first allowed moment for a run planned at {@code planned}: now, or when the forbidden
     * stretch ends. The model works in whole seconds and rounds up, so it is asked about the
     * current second; otherwise "now" would always lie a fraction of a second ahead.
     */
    private Optional<Instant> firstAllowed(TaskDefinition task, Instant planned) {
        ZonedDateTime second = now().truncatedTo(ChronoUnit.SECONDS);
        // Quartz hands a misfired trigger over with "now" (in millis) as its planned time: it is due.
        Instant due = planned.truncatedTo(ChronoUnit.SECONDS);
        if (due.isAfter(second.toInstant())) {
            due = second.toInstant();
        }
        return task.schedule().nextAfterDowntime(due, second).map(ZonedDateTime::toInstant);
    }

    /** Выполнить задание немедленно: runs now, ignoring schedule and window, still behind the gate. */
    synchronized long runNow(long id, String who) {
        TaskDefinition task = find(id).orElseThrow(() -> new TaskNotFoundException(id));
        if (threads.isActive(id)) {
            throw new TaskBusyException(task.name());
        }
        return start(task, WorkKind.MANUAL, who, null);
    }

    /** Starts a run; the caller holds this engine's lock and has checked that the task is not busy. */
    private long start(TaskDefinition task, WorkKind kind, String who, Instant plannedAt) {
        TaskType type = types.find(task.type()).orElseThrow(() -> new IllegalStateException(
                "Task #" + task.id() + " has the unknown type " + task.type()));
        store.missed(task.id(), false);
        if (kind == WorkKind.SCHEDULED) {
            store.nextFire(task.id(), null);
        }
        metrics.starting(task.id(), type.key());
        ThreadManager.WorkHandle handle = threads.submit(WorkRequest.task(task.name(), kind, who, type.exclusive(),
                task.id(), plannedAt, work -> execute(type, task, work)));
        handle.completion().whenComplete((snapshot, error) -> {
            finished(task.id(), snapshot); // first: a task must never lose its trigger
            if (snapshot != null) {
                metrics.finished(type.key(), snapshot);
            }
        });
        return handle.id();
    }

    private void execute(TaskType type, TaskDefinition task, WorkContext work) throws Exception {
        work.log(WorkContext.LogLevel.INFO, "Задание «" + task.name() + "» начато");
        Map<String, String> options = TaskOptions.withDefaults(type, task.options());
        type.run(new TaskRun(task, options, work));
        work.log(WorkContext.LogLevel.INFO, "Задание «" + task.name() + "» завершено");
    }

    /**
     * After a run: re-arm first (a task must never lose its trigger), then record the outcome. A
     * run missed while this one was busy happens once, at the first allowed moment, unless the
     * admin stopped this run ("Остановка выполняемых задач" must not start it again at once).
     */
    private synchronized void finished(long id, WorkSnapshot run) {
        try {
            Optional<TaskDefinition> task = find(id);
            if (task.isPresent()) {
                boolean stopped = run != null && run.state() == WorkState.STOPPED;
                if (task.get().missed() && task.get().enabled() && !stopped) {
                    store.missed(id, false);
                    placeTrigger(id, firstAllowed(task.get(), clock.instant()));
                } else {
                    if (task.get().missed()) {
                        store.missed(id, false);
                    }
                    if (task.get().nextFireAt() == null || stopped || !hasTrigger(id)) {
                        arm(task.get());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("Cannot re-arm task #{} after its run", id, e);
        }
        try {
            if (run != null) {
                store.lastRun(id, run);
            }
        } catch (RuntimeException e) {
            log.error("Cannot record the outcome of task #{}", id, e);
        }
    }

    private boolean hasTrigger(long id) {
        try {
            return quartz.getTrigger(triggerKey(id)) != null;
        } catch (SchedulerException e) {
            return false;
        }
    }

    static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey("task-" + id, GROUP);
    }

    static JobKey jobKey(long id) {
        return JobKey.jobKey("task-" + id, GROUP);
    }
}
