package ru.ksamu.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refusal in the API's JSON shape ({@code code}, {@code message}) written straight to the response,
 * for answers given outside Spring MVC's content negotiation: by the security filters, and to an
 * event stream (which negotiation would answer 500, finding no {@code text/event-stream} rendering).
 */
public final class JsonRefusal {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRefusal() {
    }

    public static void write(HttpServletResponse res, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.getWriter().write(JSON.writeValueAsString(body));
    }
}
