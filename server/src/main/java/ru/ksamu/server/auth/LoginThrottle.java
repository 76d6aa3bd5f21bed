package ru.ksamu.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Login throttling: after {@link #MAX_FAILURES} wrong passwords from one address within
 * {@link #WINDOW}, that address may not try again until the window has passed.
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Attempts> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Attempts(int failures, Instant first) {
    }

    public boolean locked(String address) {
        Attempts a = byAddress.get(address);
        if (a == null) {
            return false;
        }
        if (Duration.between(a.first(), clock.instant()).compareTo(WINDOW) > 0) {
            byAddress.remove(address);
            return false;
        }
        return a.failures() >= MAX_FAILURES;
    }

    public void failed(String address) {
        Instant now = clock.instant();
        byAddress.merge(address, new Attempts(1, now), (old, one) ->
                Duration.between(old.first(), now).compareTo(WINDOW) > 0 ? one : new Attempts(old.failures() + 1, old.first()));
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }
}
