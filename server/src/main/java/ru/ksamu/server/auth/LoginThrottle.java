package ru.ksamu.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One throttle for every way to prove a secret: the console's form, HTTP Basic on the API and the
 * workstations' enrollment code. Every attempt is counted <em>before</em> its password is checked,
 * atomically per key, so a burst of parallel tries cannot slip past the count: at most
 * {@link #MAX_PER_ADDRESS} unproven attempts per address and {@link #MAX_PER_USER} per user name
 * reach bcrypt in a {@link #WINDOW}. A success clears the counts of its address and user name.
 * Memory is bounded: at most {@link #MAX_KEYS} keys, each forgotten a window after its first try.
 *
 * <p>The address is the request's remote address as the web server gives it: a forwarded address
 * counts only when {@code server.forward-headers-strategy} says the proxy in front is trusted.
 */
@Component
class LoginThrottle {

    static final int MAX_PER_ADDRESS = 5;
    /** Higher than per address: many addresses trying one name are an attack, but one admin must not be locked out by a few typos. */
    static final int MAX_PER_USER = 20;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final long MAX_KEYS = 100_000;

    private final Clock clock;
    private final Cache<String, Attempts> attempts = Caffeine.newBuilder().maximumSize(MAX_KEYS)
            .expireAfterWrite(WINDOW).build();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Attempts(int count, Instant first) {
    }

    /**
     * Takes one attempt for this address and user name, or refuses it.
     *
     * @return empty when the attempt may go on (it is counted), else how long to wait
     */
    public Optional<Duration> acquire(String address, String user) {
        String a = "a:" + address;
        String u = "u:" + normalize(user);
        Optional<Duration> wait = take(a, MAX_PER_ADDRESS);
        if (wait.isPresent()) {
            return wait;
        }
        wait = take(u, MAX_PER_USER);
        if (wait.isPresent()) {
            giveBack(a);
        }
        return wait;
    }

    /** A correct password (or code): both counts are cleared. */
    public void succeeded(String address, String user) {
        attempts.invalidate("a:" + address);
        attempts.invalidate("u:" + normalize(user));
    }

    private Optional<Duration> take(String key, int max) {
        Instant now = clock.instant();
        Duration[] wait = {null};
        attempts.asMap().compute(key, (k, old) -> {
            if (old == null || !now.isBefore(old.first().plus(WINDOW))) {
                return new Attempts(1, now);
            }
            if (old.count() >= max) {
                wait[0] = Duration.between(now, old.first().plus(WINDOW));
                return old;
            }
            return new Attempts(old.count() + 1, old.first());
        });
        return Optional.ofNullable(wait[0]);
    }

    private void giveBack(String key) {
        attempts.asMap().computeIfPresent(key, (k, old) -> old.count() <= 1 ? null : new Attempts(old.count() - 1, old.first()));
    }

    private static String normalize(String user) {
        String u = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
        return u.length() > 100 ? u.substring(0, 100) : u;
    }

    /** "4 мин 10 с" / "4 min 10 s": a wait as the sign-in page and the API say it. */
    public static String russian(Duration wait) {
        long s = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return s >= 60 ? (s / 60) + " мин" + (s % 60 == 0 ? "" : " " + s % 60 + " с") : s + " с";
    }

    /** Whole seconds to wait, at least 1 (for {@code Retry-After}). */
    public static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
