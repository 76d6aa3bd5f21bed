package ru.ksamu.platform.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refusal of an API request as RFC 9457 {@code application/problem+json}: {@code type},
 * {@code title}, {@code status}, {@code detail} (Russian), {@code instance} (the request's path),
 * and the extension members {@code code} (stable, from the program's catalogue), {@code message}
 * (the same Russian text as {@code detail}: workstation launchers installed before the problem
 * format read it), {@code messageEn} (English), and whatever the refusal adds (a validation's
 * {@code errors}). One body for both ways out: {@link #response} for Spring MVC's handlers and
 * {@link #write} for answers given outside MVC (security filters, refused event streams), so the
 * bytes are the same whichever part refused.
 */
public final class Problem {

    /** The {@code type} of every problem is this prefix and its code: a name, not a page to fetch. */
    public static final String TYPE_PREFIX = "urn:ksamu:problem:";

    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance", "code",
            "message", "messageEn");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProblemCode code;
    private final int status;
    private final String detailRu;
    private final String detailEn;
    private final Map<String, Object> extra;
    private final Map<String, String> headers;

    private Problem(ProblemCode code, int status, String detailRu, String detailEn, Map<String, Object> extra,
                    Map<String, String> headers) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status must be 4xx or 5xx, not " + status + " (" + code.name() + ")");
        }
        this.code = code;
        this.status = status;
        this.detailRu = Objects.requireNonNull(detailRu, "detailRu");
        this.detailEn = Objects.requireNonNull(detailEn, "detailEn");
        this.extra = Collections.unmodifiableMap(extra);
        this.headers = Collections.unmodifiableMap(headers);
    }

    /** A refusal with the code's usual status and this message, Russian and English, naming the input. */
    public static Problem of(ProblemCode code, String detailRu, String detailEn) {
        return new Problem(code, code.status(), detailRu, detailEn, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** The same refusal answered with another status. */
    public Problem withStatus(int newStatus) {
        return new Problem(code, newStatus, detailRu, detailEn, new LinkedHashMap<>(extra), new LinkedHashMap<>(headers));
    }

    /** The same refusal with one more extension member ({@code errors}, {@code parameter}, ...). */
    public Problem with(String member, Object value) {
        if (STANDARD.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is a standard member of every problem, not an extension");
        }
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(member, value);
        return new Problem(code, status, detailRu, detailEn, more, new LinkedHashMap<>(headers));
    }

    /** The same refusal with a response header ({@code WWW-Authenticate}, ...). */
    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(code, status, detailRu, detailEn, new LinkedHashMap<>(extra), more);
    }

    /** The same refusal telling the caller when to try again ({@code Retry-After}, whole seconds). */
    public Problem withRetryAfter(long seconds) {
        return withHeader("Retry-After", Long.toString(Math.max(0, seconds)));
    }

    public ProblemCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String detailRu() {
        return detailRu;
    }

    public String detailEn() {
        return detailEn;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON members in their order; {@code instance} is the path that was refused. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", TYPE_PREFIX + code.name());
        b.put("title", code.titleRu());
        b.put("status", status);
        b.put("detail", detailRu);
        b.put("instance", instance);
        b.put("code", code.name());
        b.put("message", detailRu);
        b.put("messageEn", detailEn);
        b.putAll(extra);
        return b;
    }

    /**
     * The answer for a Spring MVC handler. The content type is set, not negotiated: a refused event
     * stream ({@code Accept: text/event-stream}) gets this body too, never a 500.
     */
    public ResponseEntity<Map<String, Object>> response(HttpServletRequest request) {
        ResponseEntity.BodyBuilder r = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.forEach((name, value) -> r.header(name, value));
        return r.body(body(instance(request)));
    }

    /** Writes the answer straight to the response: for filters, and for event streams refused before they open. */
    public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] json = json(instance(request));
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The body as JSON bytes (UTF-8). */
    byte[] json(String instance) {
        return JSON.writeValueAsBytes(body(instance));
    }

    /** The refused path: on an error dispatch, the original request's, not {@code /error}. */
    static String instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String s ? s : request.getRequestURI();
    }

    @Override
    public String toString() {
        return status + " " + code.name() + ": " + detailEn;
    }
}
