package ru.ksamu.server.tasks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;

/**
 * The thread manager's units by task type ({@code ksamu.threads.running}, {@code ksamu.threads.waiting},
 * gauges tagged {@code type}: a task type's key, {@code system} for system work, {@code other} for
 * gated work that is no task, such as a restore) and the outcome of every task run
 * ({@code ksamu.tasks.outcomes}, tagged {@code type} and {@code outcome=done|failed|stopped}).
 * Tag values come from the registered task types only, so their number is bounded.
 */
@Component
class TaskMetrics {

    static final String SYSTEM = "system";
    static final String OTHER = "other";

    private final MeterRegistry meters;
    private final ThreadManager threads;
    /** Task id → type key, remembered as each run starts (a task's type may change between runs). */
    private final Map<Long, String> typeOfTask = new ConcurrentHashMap<>();

    TaskMetrics(MeterRegistry meters, ThreadManager threads, TaskTypes types) {
        this.meters = meters;
        this.threads = threads;
        Stream.concat(types.all().stream().map(TaskType::key), Stream.of(SYSTEM, OTHER)).forEach(type -> {
            gauge("ksamu.threads.running", "Units of work running now", type, Set.of(WorkState.RUNNING, WorkState.STOPPING));
            gauge("ksamu.threads.waiting", "Units of work waiting at the gate", type, Set.of(WorkState.WAITING));
        });
    }

    private void gauge(String name, String description, String type, Set<WorkState> states) {
        Gauge.builder(name, () -> count(threads.list(), type, states))
                .description(description)
                .tag("type", type)
                .register(meters);
    }

    /** Units in one of these states whose type is this one. */
    long count(List<WorkSnapshot> units, String type, Set<WorkState> states) {
        return units.stream().filter(u -> states.contains(u.state()) && typeOf(u).equals(type)).count();
    }

    private String typeOf(WorkSnapshot u) {
        if (u.system()) {
            return SYSTEM;
        }
        return u.taskId() == null ? OTHER : typeOfTask.getOrDefault(u.taskId(), OTHER);
    }

    /** A run of this task, of this type, is about to be submitted. */
    void starting(long taskId, String type) {
        typeOfTask.put(taskId, type);
    }

    /** A run of a task of this type ended as the snapshot says. */
    void finished(String type, WorkSnapshot run) {
        Counter.builder("ksamu.tasks.outcomes")
                .description("Task runs by task type and outcome")
                .tag("type", type)
                .tag("outcome", run.state().en())
                .register(meters)
                .increment();
    }
}
