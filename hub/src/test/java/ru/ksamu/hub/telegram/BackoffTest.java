package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1));

    @Test
    void delayDoublesAfterEachFailureUpToTheMaximum() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void delaysNeverShrinkAsFailuresGrow() {
        Duration previous = Duration.ZERO;
        for (int failures = 1; failures < 200; failures++) {
            Duration delay = backoff.after(failures);
            assertThat(delay).as("after %d failures", failures).isGreaterThanOrEqualTo(previous)
                    .isLessThanOrEqualTo(Duration.ofMinutes(1));
            previous = delay;
        }
    }
}
