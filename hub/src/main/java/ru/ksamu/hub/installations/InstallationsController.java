package ru.ksamu.hub.installations;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/installations}: KSAMU servers report their statistics here (no publisher token:
 * the installation's own key, header {@code X-Ksamu-Installation-Key}, registered by its first
 * report); the list of installations with their versions is open to read.
 */
@RestController
@RequestMapping("/api/v1/installations")
class InstallationsController {

    static final String KEY_HEADER = "X-Ksamu-Installation-Key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Installations installations;
    private final StatsSettings settings;

    InstallationsController(Installations installations, StatsSettings settings) {
        this.installations = installations;
        this.settings = settings;
    }

    @PostMapping("/{id}/stats")
    ResponseEntity<Map<String, Object>> report(@PathVariable String id,
                                               @RequestHeader(name = KEY_HEADER, required = false) String key,
                                               HttpServletRequest request) throws IOException {
        if (!isUuid(id)) {
            throw new Installations.Refused(400, "INVALID_ARGUMENT", "Идентификатор установки должен быть UUID: " + id
                    + " / the installation id must be a UUID", 0);
        }
        if (key == null || !key.matches("[0-9A-Za-z_-]{32,128}")) {
            throw new Installations.Refused(401, "NO_KEY", "Нужен ключ установки (" + KEY_HEADER + ", 32–128 символов)"
                    + " / the installation key is required", 0);
        }
        long limit = settings.maxReportSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        StatsReport report;
        try {
            report = JSON.readValue(body, StatsReport.class);
        } catch (JacksonException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Installations.Refused(400, "INVALID_REPORT", "Отчёт не разобран: " + why + " / the report is not valid", 0);
        }
        Installations.Outcome outcome = installations.report(id.toLowerCase(), key, report);
        return ResponseEntity.status(outcome == Installations.Outcome.REGISTERED ? 201 : 200)
                .body(Map.of("installationId", id.toLowerCase(), "outcome", outcome.name()));
    }

    @GetMapping
    List<Installations.Listed> list() {
        return installations.list();
    }

    @ExceptionHandler(Installations.Refused.class)
    ResponseEntity<Map<String, Object>> refused(Installations.Refused e) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", e.code);
        b.put("message", e.getMessage());
        ResponseEntity.BodyBuilder r = ResponseEntity.status(e.status);
        if (e.retryAfter > 0) {
            r.header("Retry-After", Long.toString(e.retryAfter));
        }
        return r.body(b);
    }

    private static Installations.Refused tooLarge(long limit) {
        return new Installations.Refused(413, "SIZE_LIMIT", "Отчёт больше " + limit + " байт / the report is larger than "
                + limit + " bytes", 0);
    }

    private static boolean isUuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
