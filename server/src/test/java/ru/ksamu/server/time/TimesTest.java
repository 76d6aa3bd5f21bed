package ru.ksamu.server.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void aLockIsShownInTenthsUnderTenSecondsWithTheLanguagesDecimalMark() {
        assertThat(Times.lasted(Duration.ofMillis(700), true)).isEqualTo("0,7 с");
        assertThat(Times.lasted(Duration.ofMillis(700), false)).isEqualTo("0.7 s");
        assertThat(Times.lasted(Duration.ofMillis(1), true)).as("never 0 for a lock that was").isEqualTo("0,1 с");
        assertThat(Times.lasted(Duration.ZERO, true)).isEqualTo("0,0 с");
        assertThat(Times.lasted(Duration.ofMillis(9_940), true)).isEqualTo("10,0 с");
    }

    @Test
    void longerOnesInWholeSecondsThenMinutes() {
        assertThat(Times.lasted(Duration.ofMillis(42_400), true)).isEqualTo("42 с");
        assertThat(Times.lasted(Duration.ofSeconds(185), true)).isEqualTo("3 мин 5 с");
        assertThat(Times.lasted(Duration.ofSeconds(185), false)).isEqualTo("3 min 5 s");
    }
}
