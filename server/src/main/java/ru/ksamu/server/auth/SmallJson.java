package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON request body, read only up to its limit (anyone may send these, or before the password's weight is known). */
final class SmallJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SmallJson() {
    }

    /** The body as a JSON object; null when it is larger than {@code max} bytes or not a JSON object. */
    static JsonNode read(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(max + 1);
        }
        if (bytes.length > max) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            return n != null && n.isObject() ? n : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A string field, or null. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || !n.isString() ? null : n.asString();
    }
}
