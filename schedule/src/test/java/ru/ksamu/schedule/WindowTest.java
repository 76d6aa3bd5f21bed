package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The forbidden window's arithmetic, including the shortcut that proves a whole day forbidden. */
class WindowTest {

    static Window window(int fromHour, int fromMinute, int toHour, int toMinute) {
        return Window.of(LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute));
    }

    @Test
    void fromIsInsideAndToIsOutside() {
        Window day = window(6, 0, 21, 0);
        assertThat(day.contains(6 * 3600)).isTrue();
        assertThat(day.contains(21 * 3600 - 1)).isTrue();
        assertThat(day.contains(21 * 3600)).isFalse();
        assertThat(day.contains(6 * 3600 - 1)).isFalse();
    }

    @Test
    void aWrappingWindowHoldsBothEndsOfTheNight() {
        Window night = window(22, 0, 6, 0);
        assertThat(night.contains(23 * 3600)).isTrue();
        assertThat(night.contains(0)).isTrue();
        assertThat(night.contains(6 * 3600)).isFalse();
        assertThat(night.endAfter(LocalDateTime.of(2024, 6, 1, 23, 0))).isEqualTo(LocalDateTime.of(2024, 6, 2, 6, 0));
        assertThat(night.endAfter(LocalDateTime.of(2024, 6, 2, 1, 0))).isEqualTo(LocalDateTime.of(2024, 6, 2, 6, 0));
    }

    @Test
    void equalBoundsHoldNothing() {
        Window none = window(0, 0, 0, 0);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.contains(0)).isFalse();
        assertThat(none.coversEvery(0, 120)).isFalse();
    }

    @Test
    void coversEveryIsExactAtTheAllowedStretchsEdges() {
        // Grid :00 and :30. Allowed stretch [00:05, 00:30): holds no grid time, 00:30 is forbidden.
        assertThat(window(0, 30, 0, 5).coversEvery(0, 1800)).isTrue();
        // Allowed stretch [00:05, 00:31): holds 00:30.
        assertThat(window(0, 31, 0, 5).coversEvery(0, 1800)).isFalse();
        // Allowed stretch [00:00, 00:05): holds 00:00 itself.
        assertThat(window(0, 5, 0, 0).coversEvery(0, 1800)).isFalse();
        // A 15-hour window leaves room for a 2-minute grid.
        assertThat(window(6, 0, 21, 0).coversEvery(0, 120)).isFalse();
        // Every 30 minutes at :00 and :30 and forbidden 00:00–23:59: the last allowed minute holds no grid time.
        assertThat(window(0, 0, 23, 59).coversEvery(0, 1800)).isTrue();
        assertThat(window(0, 0, 23, 59).coversEvery(1790, 1800)).isFalse();
    }
}
