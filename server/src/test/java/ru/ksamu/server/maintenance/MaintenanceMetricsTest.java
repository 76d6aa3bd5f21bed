package ru.ksamu.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The maintenance gauge: 0 none, 1 countdown, 2 locked, only for the operation under way. */
class MaintenanceMetricsTest {

    @Test
    void phaseIsReadForTheOperationUnderWayOnly() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        var countdown = new Maintenance.State(Maintenance.Phase.COUNTDOWN, "6.0.1.1", t, null, Maintenance.Operation.UPDATE);
        var locked = new Maintenance.State(Maintenance.Phase.LOCKED, "b.zip", null, t, Maintenance.Operation.RESTORE);
        var idle = new Maintenance.State(Maintenance.Phase.NONE, null, null, null, null);

        assertThat(MaintenanceMetrics.phase(countdown, Maintenance.Operation.UPDATE)).isEqualTo(1);
        assertThat(MaintenanceMetrics.phase(countdown, Maintenance.Operation.RESTORE)).isZero();
        assertThat(MaintenanceMetrics.phase(locked, Maintenance.Operation.RESTORE)).isEqualTo(2);
        assertThat(MaintenanceMetrics.phase(locked, Maintenance.Operation.UPDATE)).isZero();
        assertThat(MaintenanceMetrics.phase(idle, Maintenance.Operation.UPDATE)).isZero();
    }
}
