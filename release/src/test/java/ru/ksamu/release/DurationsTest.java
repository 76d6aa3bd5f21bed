package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyFormAnAdminWritesIsRead() {
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse(" 30s ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT2M30S")).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void anythingElseIsRefusedNamingTheValue() {
        for (String bad : new String[] {"", "abc", "30 s", "-5s", "2d", null}) {
            assertThatThrownBy(() -> Durations.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void aLockIsShownInTenthsUnderTenSecondsWithTheLanguagesDecimalMark() {
        assertThat(Durations.lasted(Duration.ofMillis(700), true)).isEqualTo("0,7 с");
        assertThat(Durations.lasted(Duration.ofMillis(700), false)).isEqualTo("0.7 s");
        assertThat(Durations.lasted(Duration.ofMillis(1), true)).as("never 0 for a lock that was").isEqualTo("0,1 с");
        assertThat(Durations.lasted(Duration.ZERO, true)).isEqualTo("0,0 с");
        assertThat(Durations.lasted(Duration.ofMillis(9_940), true)).isEqualTo("10,0 с");
    }

    @Test
    void longerOnesInWholeSecondsThenMinutes() {
        assertThat(Durations.lasted(Duration.ofMillis(42_400), true)).isEqualTo("42 с");
        assertThat(Durations.lasted(Duration.ofSeconds(185), true)).isEqualTo("3 мин 5 с");
        assertThat(Durations.lasted(Duration.ofSeconds(185), false)).isEqualTo("3 min 5 s");
    }
}
