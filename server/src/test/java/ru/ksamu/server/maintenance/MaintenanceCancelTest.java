package ru.ksamu.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import ru.ksamu.server.threads.WorkContext;

/**
 * A cancel and the countdown's deadline meet in one step: a cancel the admin was told "is being
 * cancelled" is always honoured, and one that comes after the deadline is refused as too late.
 */
class MaintenanceCancelTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    private final Maintenance maintenance =
            new Maintenance(mock(ClientNotices.class), new MaintenanceSettings(Duration.ZERO),
                    Clock.fixed(NOW, ZoneId.of("Europe/Moscow")));
    private final WorkContext work = mock(WorkContext.class);

    @Test
    void aCancelAcceptedJustBeforeTheDeadlineStopsTheLock() {
        maintenance.startCountdown(Maintenance.Operation.UPDATE, "6.0.51.1", work);
        assertThat(maintenance.requestCancel("admin")).isEqualTo(Maintenance.CancelAnswer.CANCELLING);

        assertThatThrownBy(() -> maintenance.awaitDeadline(NOW, work))
                .isInstanceOf(Maintenance.CountdownCancelled.class)
                .satisfies(e -> assertThat(((Maintenance.CountdownCancelled) e).who()).isEqualTo("admin"));
    }

    @Test
    void aCancelAfterTheDeadlineIsRefusedAsTooLate() throws Exception {
        maintenance.startCountdown(Maintenance.Operation.UPDATE, "6.0.51.1", work);
        maintenance.awaitDeadline(NOW, work);

        assertThat(maintenance.state().phase()).isEqualTo(Maintenance.Phase.COUNTDOWN);
        assertThat(maintenance.requestCancel("admin")).isEqualTo(Maintenance.CancelAnswer.TOO_LATE);

        maintenance.locked(Maintenance.Operation.UPDATE, "6.0.51.1", NOW);
        assertThat(maintenance.requestCancel("admin")).isEqualTo(Maintenance.CancelAnswer.TOO_LATE);
        maintenance.completed(Maintenance.Operation.UPDATE, "6.0.51.1");
        assertThat(maintenance.requestCancel("admin")).isEqualTo(Maintenance.CancelAnswer.NO_COUNTDOWN);

        maintenance.startCountdown(Maintenance.Operation.UPDATE, "6.0.52.1", work);
        assertThat(maintenance.requestCancel("admin")).as("a new countdown can be cancelled again")
                .isEqualTo(Maintenance.CancelAnswer.CANCELLING);
    }

    @Test
    void withoutACountdownThereIsNothingToCancel() {
        assertThat(maintenance.requestCancel("admin")).isEqualTo(Maintenance.CancelAnswer.NO_COUNTDOWN);
    }
}
