package ru.ksamu.server;

/**
 * The server cannot take this request now (too many streams, an update holds the base...): the
 * API answers 503 with {@code Retry-After} and this message (Russian / English).
 */
public class Unavailable extends RuntimeException {

    private final int retryAfterSeconds;

    public Unavailable(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
