package ru.ksamu.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import ru.ksamu.platform.problems.ProblemException;

/**
 * The server cannot take this request now (too many streams, an update holds the base...): the
 * API answers 503 {@code UNAVAILABLE} with {@code Retry-After} and this message (Russian, English).
 */
public class Unavailable extends ProblemException {

    public Unavailable(String messageRu, String messageEn, int retryAfterSeconds) {
        super(ServerProblem.UNAVAILABLE.problem(messageRu, messageEn).withRetryAfter(retryAfterSeconds));
    }

    /**
     * Writes the refusal as a problem with {@code Retry-After}, whatever the request accepts. An
     * event stream's refusal is written this way: Spring's exception handling would look for a
     * {@code text/event-stream} rendering of it, find none, and answer 500 with a stack trace.
     */
    public void writeTo(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem().write(request, response);
    }
}
