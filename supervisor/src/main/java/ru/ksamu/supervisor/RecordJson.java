package ru.ksamu.supervisor;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One small JSON object the supervisor and the server exchange ({@code running.json},
 * {@code last-switch.json}), through Jackson's tree model. Each field is checked for its type
 * here, so a file of another shape is refused with a reason that names the field rather than read
 * as a guess (Jackson's binding would take {@code "outcome": 1} for OK and a number for a time).
 * Fields it does not know are ignored: a newer server may add some.
 */
final class RecordJson {

    /** Immutable and thread-safe once built: a constant, not state. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** How much of a reason goes into the log line: Jackson quotes the token it choked on. */
    private static final int MAX_REASON = 300;

    private final ObjectNode node;

    private RecordJson(ObjectNode node) {
        this.node = node;
    }

    /** An empty object to {@link #put} fields into, in the order they are written. */
    static RecordJson object() {
        return new RecordJson(MAPPER.createObjectNode());
    }

    RecordJson put(String field, String value) {
        node.put(field, value);
        return this;
    }

    RecordJson put(String field, long value) {
        node.put(field, value);
        return this;
    }

    /** One line of compact JSON, then a newline. */
    String write() {
        return MAPPER.writeValueAsString(node) + "\n";
    }

    /**
     * Reads one JSON object from UTF-8 bytes.
     *
     * @throws IllegalArgumentException when the bytes are not one JSON object, saying why in one line
     */
    static RecordJson read(byte[] json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not whole JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (n == null || n.isMissingNode()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("a JSON " + n.getNodeType().name().toLowerCase() + ", not an object");
        }
        return new RecordJson((ObjectNode) n);
    }

    /** A field that must be a string. */
    String string(String field) {
        return string(field, "a string");
    }

    /** A field that may be missing or null, else a string. */
    String optionalString(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : string(field);
    }

    /** A field that must be a whole number. */
    long integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrong(field, "a whole number");
        }
        return v.longValue();
    }

    /** A field that must be a whole number that fits an int. */
    int smallInteger(String field) {
        long v = integer(field);
        if (v != (int) v) {
            throw wrong(field, "a whole number up to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** A field that must name one of the constants of {@code type}. */
    <E extends Enum<E>> E constant(String field, Class<E> type) {
        String expected = "one of " + Arrays.toString(type.getEnumConstants());
        String v = string(field, expected);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(v)).findFirst()
                .orElseThrow(() -> wrong(field, expected));
    }

    /** A field that must be an ISO-8601 instant such as {@code 2026-01-02T03:04:05Z}. */
    Instant instant(String field) {
        String expected = "an ISO-8601 time such as 2026-01-02T03:04:05Z";
        try {
            return Instant.parse(string(field, expected));
        } catch (DateTimeParseException e) {
            throw wrong(field, expected);
        }
    }

    private String string(String field, String expected) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw wrong(field, expected);
        }
        return v.stringValue();
    }

    private IllegalArgumentException wrong(String field, String expected) {
        JsonNode v = node.get(field);
        return new IllegalArgumentException("\"" + field + "\" should be " + expected + " but is "
                + (v == null ? "missing" : oneLine(v.toString())));
    }

    private static String oneLine(String text) {
        String s = String.valueOf(text).replaceAll("\\p{Cntrl}+", " ").strip();
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
