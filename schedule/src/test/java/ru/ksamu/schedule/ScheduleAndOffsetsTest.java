package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The schedule's checked construction and the per-installation offsets. */
class ScheduleAndOffsetsTest {

    static final LocalDateTime START = LocalDateTime.of(2016, 1, 1, 0, 8);

    @Test
    void badValuesAreRejectedNamingTheValue() {
        Schedule ok = Schedule.of("cloud-update", "Обновление", START, Periodicity.MINUTES_30);

        assertThatThrownBy(() -> Schedule.of("cloud-update", " ", START, Periodicity.DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank, was ' '");
        assertThatThrownBy(() -> Schedule.of("cloud-update", "x", START.withNano(5), Periodicity.DAY))
                .hasMessage("start must be whole seconds, was 2016-01-01T00:08:00.000000005");
        assertThatThrownBy(() -> ok.withOffset(Duration.ofMinutes(30)))
                .hasMessage("offset must be whole seconds in [0, PT30M) for MINUTES_30 (zero for ONCE), was PT30M");
        assertThatThrownBy(() -> ok.withOffset(Duration.ofSeconds(-1))).hasMessageContaining("was PT-1S");
        assertThatThrownBy(() -> Schedule.of("t", "x", START, Periodicity.ONCE).withOffset(Duration.ofSeconds(1)))
                .hasMessageContaining("for ONCE");
        assertThatThrownBy(() -> ok.withForbiddenWindow(LocalTime.of(6, 0, 0, 1), LocalTime.NOON))
                .hasMessageContaining("forbiddenFrom must be whole seconds");
        assertThatThrownBy(() -> ok.withDays(null)).isInstanceOf(NullPointerException.class).hasMessage("days");
    }

    @Test
    void forbiddenWeekdaysAreCopiedAndUnmodifiable() {
        Set<DayOfWeek> days = EnumSet.of(DayOfWeek.MONDAY);
        Schedule schedule = Schedule.of("t", "x", START, Periodicity.DAY).withForbiddenWeekdays(days);
        days.add(DayOfWeek.TUESDAY);

        assertThat(schedule.forbiddenWeekdays()).containsExactly(DayOfWeek.MONDAY);
        assertThatThrownBy(() -> schedule.forbiddenWeekdays().add(DayOfWeek.FRIDAY))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(schedule).isEqualTo(Schedule.of("t", "x", START, Periodicity.DAY)
                .withForbiddenWeekdays(Set.of(DayOfWeek.MONDAY)));
    }

    @Test
    void offsetsAreStableWholeSecondsWithinThePeriod() {
        for (Periodicity p : Periodicity.values()) {
            for (int i = 0; i < 200; i++) {
                Duration offset = Offsets.forInstallation("clinic-" + i, p);
                assertThat(offset).isEqualTo(Offsets.forInstallation("clinic-" + i, p));
                assertThat(offset.getNano()).isZero();
                assertThat(offset.isNegative()).isFalse();
                if (p == Periodicity.ONCE) {
                    assertThat(offset).isZero();
                } else {
                    assertThat(offset).isLessThan(p.offsetBound());
                    Schedule.of("cloud-update", "x", START, p).withOffset(offset);
                }
            }
        }
    }

    @Test
    void offsetsArePinnedBecauseChangingThemMovesEveryInstallation() {
        // SHA-256("clinic-09-0001") begins 663a0949947b33ac = 7366210352146232236; mod 1800 s = 1036 s,
        // mod 86400 s = 65836 s. Pinned so that a change of the rule is a conscious one.
        assertThat(Offsets.forInstallation("clinic-09-0001", Periodicity.MINUTES_30)).isEqualTo(PINNED_30_MIN);
        assertThat(Offsets.forInstallation("clinic-09-0001", Periodicity.DAY)).isEqualTo(PINNED_DAY);
    }

    static final Duration PINNED_30_MIN = Duration.ofMinutes(17).plusSeconds(16);
    static final Duration PINNED_DAY = Duration.ofHours(18).plusSeconds(1036);

    @Test
    void offsetsSpreadInstallationsOverThePeriod() {
        Set<Duration> seen = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> seen.add(Offsets.forInstallation("installation-" + i, Periodicity.MINUTES_30)));
        // 2,000 ids over 1,800 seconds: a uniform spread hits well over half of them.
        assertThat(seen).hasSizeGreaterThan(1_000);
    }

    @Test
    void aBlankInstallationIdIsRejected() {
        assertThatThrownBy(() -> Offsets.forInstallation(" ", Periodicity.MINUTES_30))
                .hasMessage("installationId must not be blank, was ' '");
    }
}
