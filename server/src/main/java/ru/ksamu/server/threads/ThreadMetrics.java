package ru.ksamu.server.threads;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code ksamu.threads.gate.wait}: how long gated units waited at the exclusive gate, tagged
 * {@code rule=exclusive|shared}. (Running and waiting units by task type are counted by the task
 * engine's metrics, which know the task types.)
 */
class ThreadMetrics implements GateWatch {

    private final Timer exclusive;
    private final Timer shared;

    ThreadMetrics(MeterRegistry meters) {
        this.exclusive = gateTimer(meters, "exclusive");
        this.shared = gateTimer(meters, "shared");
    }

    private static Timer gateTimer(MeterRegistry meters, String rule) {
        return Timer.builder("ksamu.threads.gate.wait")
                .description("Time a unit of work waited at the thread manager's exclusive gate")
                .tag("rule", rule)
                .register(meters);
    }

    @Override
    public void passed(boolean exclusiveUnit, Duration waited) {
        (exclusiveUnit ? exclusive : shared).record(waited);
    }
}
