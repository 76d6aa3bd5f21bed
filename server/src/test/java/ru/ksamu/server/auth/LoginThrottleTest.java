package ru.ksamu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T03:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveAttemptsPerAddressThenAWaitUntilTheWindowEnds() {
        for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
            assertThat(throttle.acquire("10.0.0.1", "admin")).isEmpty();
        }
        now.set(now.get().plusSeconds(10));
        assertThat(throttle.acquire("10.0.0.1", "admin")).contains(LoginThrottle.WINDOW.minusSeconds(10));
        assertThat(throttle.acquire("10.0.0.2", "admin")).as("another address").isEmpty();
        now.set(now.get().plus(LoginThrottle.WINDOW));
        assertThat(throttle.acquire("10.0.0.1", "admin")).as("after the window").isEmpty();
    }

    @Test
    void aSuccessClearsItsAddressAndName() {
        for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
            throttle.acquire("10.0.0.1", "admin");
        }
        throttle.succeeded("10.0.0.1", "ADMIN ");
        assertThat(throttle.acquire("10.0.0.1", "admin")).isEmpty();
    }

    @Test
    void oneNameTriedFromManyAddressesIsStoppedAndARefusalGivesItsAddressCountBack() {
        for (int i = 0; i < LoginThrottle.MAX_PER_USER; i++) {
            assertThat(throttle.acquire("10.0.1." + i, "admin")).isEmpty();
        }
        assertThat(throttle.acquire("10.0.2.1", "admin")).isPresent();
        for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
            assertThat(throttle.acquire("10.0.2.1", "nurse")).as("the refused try took nothing from 10.0.2.1").isEmpty();
        }
    }

    @Test
    void theWaitIsSaidInMinutesAndSeconds() {
        assertThat(LoginThrottle.russian(Duration.ofSeconds(250))).isEqualTo("4 мин 10 с");
        assertThat(LoginThrottle.russian(Duration.ofMillis(1500))).isEqualTo("2 с");
        assertThat(LoginThrottle.seconds(Duration.ofMillis(1))).isEqualTo(1);
    }
}
