package ru.ksamu.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.server.threads.WorkContext;

/**
 * The events every client gets, exactly as the client reads them: each names its operation
 * ({@code update} / {@code restore}) beside {@code version}, {@code message} and {@code messageEn};
 * a completion says how long the main base was locked, in its messages and as {@code lockedMillis}.
 */
class MaintenanceEventsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.ofHours(3);
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Sent(String name, Map<String, Object> data) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Object data) {
        return (Map<String, Object>) data;
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Hand clock = new Hand();
    private final Maintenance maintenance = new Maintenance((name, data) -> sent.add(new Sent(name, data(data))),
            new MaintenanceSettings(Duration.ofSeconds(60)), clock);
    private final WorkContext work = mock(WorkContext.class);

    @Test
    void aMajorUpdateTellsItsOperationAndHowLongTheBaseWasLocked() {
        maintenance.startCountdown(Maintenance.Operation.UPDATE, "1.1.0.1", work);
        assertThat(maintenance.greeting()).singleElement()
                .satisfies(n -> assertThat(data(n.data())).containsEntry("operation", "update"));
        maintenance.locked(Maintenance.Operation.UPDATE, "1.1.0.1", clock.instant());
        clock.now = clock.now.plusMillis(700);
        Duration locked = maintenance.completed(Maintenance.Operation.UPDATE, "1.1.0.1");

        assertThat(locked).isEqualTo(Duration.ofMillis(700));
        assertThat(sent).extracting(Sent::name).containsExactly("countdown", "locked", "completed");
        sent.forEach(s -> assertThat(s.data()).containsEntry("operation", "update").containsEntry("version", "1.1.0.1")
                .containsKeys("message", "messageEn"));
        Map<String, Object> completed = sent.get(2).data();
        assertThat(completed.get("lockedMillis")).isEqualTo(700L);
        assertThat(completed.get("message")).isEqualTo(
                "Обновление до 1.1.0.1 завершено: перезайдите в МИС или закройте программу; база была заблокирована 0,7 с");
        assertThat(completed.get("messageEn")).isEqualTo("The update to 1.1.0.1 is complete: log in to the MIS again"
                + " or close the program; the database was locked for 0.7 s");
    }

    @Test
    void aRestoreSaysItIsARestoreInEveryEvent() {
        String file = "main-2026-12-02_134229.zip";
        maintenance.startCountdown(Maintenance.Operation.RESTORE, file, work);
        maintenance.cancelled(Maintenance.Operation.RESTORE, file, "отменено (admin)");
        maintenance.startCountdown(Maintenance.Operation.RESTORE, file, work);
        maintenance.locked(Maintenance.Operation.RESTORE, file, clock.instant());
        assertThat(maintenance.greeting()).singleElement()
                .satisfies(n -> assertThat(data(n.data())).containsEntry("operation", "restore"));
        maintenance.failed(Maintenance.Operation.RESTORE, file, "копия повреждена");
        maintenance.startCountdown(Maintenance.Operation.RESTORE, file, work);
        maintenance.locked(Maintenance.Operation.RESTORE, file, clock.instant());
        clock.now = clock.now.plusSeconds(75);
        maintenance.completed(Maintenance.Operation.RESTORE, file);

        assertThat(sent).extracting(Sent::name)
                .containsExactly("countdown", "cancelled", "countdown", "locked", "failed", "countdown", "locked", "completed");
        sent.forEach(s -> assertThat(s.data()).containsEntry("operation", "restore").containsEntry("version", file));
        Map<String, Object> completed = sent.get(7).data();
        assertThat(completed.get("lockedMillis")).isEqualTo(75_000L);
        assertThat((String) completed.get("message")).startsWith("База данных восстановлена из резервной копии " + file)
                .endsWith("база была заблокирована 1 мин 15 с");
        assertThat((String) completed.get("messageEn")).endsWith("the database was locked for 1 min 15 s");
    }
}
