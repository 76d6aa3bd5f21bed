package ru.ksamu.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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

    /**
     * Writes the refusal as the API's JSON with {@code Retry-After}, whatever the request accepts. An
     * event stream's refusal is written this way: Spring's exception handling would look for a
     * {@code text/event-stream} rendering of it, find none, and answer 500 with a stack trace.
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        JsonRefusal.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "UNAVAILABLE", getMessage());
    }
}
