package ru.ksamu.server.update;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code ksamu.update.outcomes}: finished update jobs, tagged {@code kind=first|minor|major} and
 * {@code outcome=done|failed|cancelled}. Counted where the journal records the end of a job.
 */
@Component
class UpdateMetrics {

    private final MeterRegistry meters;

    UpdateMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param kind the job's mode as the journal keeps it (FIRST, MINOR, MAJOR) */
    void finished(String kind, UpdateJournal.State outcome) {
        Counter.builder("ksamu.update.outcomes")
                .description("Finished updates by kind and outcome")
                .tag("kind", kind.toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
    }
}
