package ru.ksamu.server.maintenance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code ksamu.maintenance.phase}: 0 none, 1 countdown, 2 locked, one gauge per
 * {@code operation=update|restore} (the one not under way reads 0).
 */
@Component
class MaintenanceMetrics {

    MaintenanceMetrics(MeterRegistry meters, Maintenance maintenance) {
        for (Maintenance.Operation operation : Maintenance.Operation.values()) {
            Gauge.builder("ksamu.maintenance.phase", () -> phase(maintenance.state(), operation))
                    .description("Maintenance phase of the main base: 0 none, 1 countdown, 2 locked")
                    .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
    }

    static int phase(Maintenance.State state, Maintenance.Operation operation) {
        if (state.operation() != operation) {
            return 0;
        }
        return switch (state.phase()) {
            case NONE -> 0;
            case COUNTDOWN -> 1;
            case LOCKED -> 2;
        };
    }
}
