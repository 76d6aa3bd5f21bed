package ru.ksamu.server.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
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
import ru.ksamu.schedule.Offsets;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.threads.WorkSnapshot;

/**
 * Runs tasks on time. Our schedule model is the one source of fire times: Quartz holds a single
 * one-shot trigger per task at the nearest start the model computed, and the engine re-arms it
 * after every firing. At firing time the model is asked again, so a trigger that comes due inside
 * a forbidden moment (after downtime, say) moves to the next allowed one; a trigger that fires
 * while the task is still busy is remembered and run once when it finishes, never as a burst.
 */
@Component
public class TaskEngine {

    static final String GROUP = "ksamu-tasks";
    static final String SCHEDULER_USER = "планировщик";
    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

    private final TaskStore store;
    private final TaskTypes types;
    private final ThreadManager threads;
    private final Scheduler quartz;
    private final InstallationStore installation;
    private final Clock clock;

    TaskEngine(TaskStore store, TaskTypes types, ThreadManager threads, Scheduler quartz,
               InstallationStore installation, Clock clock) {
        this.store = store;
        this.types = types;
        this.threads = threads;
        this.quartz = quartz;
        this.installation = installation;
        this.clock = clock;
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
    void armMissing() throws SchedulerException {
        for (TaskDefinition t : store.all(this::offset)) {
            if (quartz.getTrigger(triggerKey(t.id())) == null) {
                arm(t);
            } else if (!t.enabled()) {
                placeTrigger(t.id(), Optional.empty());
            }
        }
    }

    void forget(long id) {
        try {
            quartz.deleteJob(jobKey(id));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot remove the trigger of task #" + id, e);
        }
    }

    private void placeTrigger(long id, Optional<Instant> at) {
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
    }

    /** Quartz fired the task's trigger, planned for {@code plannedAt}. */
    void fired(long id, Instant plannedAt) {
        Optional<TaskDefinition> found = find(id);
        if (found.isEmpty()) {
            return;
        }
        TaskDefinition task = found.get();
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
        if (!allows(task.schedule(), now())) {
            arm(task);
            return;
        }
        start(task, WorkKind.SCHEDULED, SCHEDULER_USER, plannedAt);
    }

    /** Выполнить задание немедленно: runs now, ignoring schedule and window, still behind the gate. */
    long runNow(long id, String who) {
        TaskDefinition task = find(id).orElseThrow(() -> new TaskNotFoundException(id));
        if (threads.isActive(id)) {
            throw new TaskBusyException(task.name());
        }
        return start(task, WorkKind.MANUAL, who, null);
    }

    private synchronized long start(TaskDefinition task, WorkKind kind, String who, Instant plannedAt) {
        TaskType type = types.find(task.type()).orElseThrow(() -> new IllegalStateException(
                "Task #" + task.id() + " has the unknown type " + task.type()));
        store.missed(task.id(), false);
        store.nextFire(task.id(), null);
        ThreadManager.WorkHandle handle = threads.submit(new WorkRequest(task.name(), kind, who, type.exclusive(),
                false, task.id(), plannedAt, work -> execute(type, task, work)));
        handle.completion().whenComplete((snapshot, error) -> finished(task.id(), snapshot));
        return handle.id();
    }

    private void execute(TaskType type, TaskDefinition task, WorkContext work) throws Exception {
        work.log(WorkContext.LogLevel.INFO, "Задание «" + task.name() + "» начато");
        Map<String, String> options = TaskOptions.withDefaults(type, task.options());
        type.run(new TaskRun(task, options, work));
        work.log(WorkContext.LogLevel.INFO, "Задание «" + task.name() + "» завершено");
    }

    private void finished(long id, WorkSnapshot run) {
        try {
            if (run != null) {
                store.lastRun(id, run);
            }
            Optional<TaskDefinition> task = find(id);
            if (task.isEmpty()) {
                return;
            }
            if (task.get().missed() && task.get().enabled()) {
                // One coalesced run for everything missed while busy, at the first allowed moment.
                Optional<Instant> now = allows(task.get().schedule(), now()) ? Optional.of(clock.instant()) : Optional.empty();
                if (now.isPresent()) {
                    store.missed(id, false);
                    placeTrigger(id, now);
                    return;
                }
            }
            arm(task.get());
        } catch (RuntimeException e) {
            log.error("Cannot re-arm task #{} after its run", id, e);
        }
    }

    /**
     * Whether a moment passes the schedule's exclusions (window, weekdays, day parity), whatever
     * the grid: the model itself answers, asked about a one-off start at that moment.
     */
    static boolean allows(Schedule s, ZonedDateTime moment) {
        ZonedDateTime m = moment.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Schedule once = new Schedule(s.taskType(), s.name(), m.toLocalDateTime(), Periodicity.ONCE,
                s.forbiddenWeekdays(), s.forbiddenFrom(), s.forbiddenTo(), s.days(), true, Duration.ZERO);
        return once.nearestStart(m).isPresent();
    }

    static TriggerKey triggerKey(long id) {
        return TriggerKey.triggerKey("task-" + id, GROUP);
    }

    static JobKey jobKey(long id) {
        return JobKey.jobKey("task-" + id, GROUP);
    }
}
