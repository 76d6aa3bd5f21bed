package ru.ksamu.hub.installations;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.hub.BadParameter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/installations}: KSAMU servers report their statistics here, each report signed by
 * the installation's own key (no publisher token; see {@link SignedReport}), and each update job
 * they run ({@code /{id}/updates}, issue 22); the vendor lists the installations and an
 * installation's update reports page by page with a publisher token (checked by the hub's security chain).
 */
@RestController
@RequestMapping("/api/v1/installations")
class InstallationsController {

    static final int MAX_PAGE_SIZE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Installations installations;
    private final UpdateReports updates;
    private final StatsSettings settings;
    private final Clock clock;

    InstallationsController(Installations installations, UpdateReports updates, StatsSettings settings, Clock clock) {
        this.updates = updates;
        this.installations = installations;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks in order: id and headers (400), size (413), signature (403), time (409), body (400), then the database. */
    @PostMapping("/{id}/stats")
    ResponseEntity<Map<String, Object>> report(@PathVariable String id, HttpServletRequest request) throws IOException {
        SignedReport signed = SignedReport.read(id, request::getHeader);
        StatsReport report = verifiedBody(signed, request, StatsReport.class);
        Installations.Outcome outcome = installations.report(signed, report, request.getRemoteAddr());
        return ResponseEntity.status(outcome == Installations.Outcome.REGISTERED ? 201 : 200)
                .body(Map.of("installationId", signed.id().toString(), "outcome", outcome.name()));
    }

    /**
     * An update job's report (issue 22), signed as the statistics are and checked in the same order,
     * within the same size cap and clock skew ({@code ksamu.hub.stats.*}); then the installation must be
     * registered with this key (403). 201 when stored, 200 when this job's report is already here.
     */
    @PostMapping("/{id}/updates")
    ResponseEntity<Map<String, Object>> update(@PathVariable String id, HttpServletRequest request) throws IOException {
        SignedReport signed = SignedReport.read(id, request::getHeader);
        UpdateReport report = verifiedBody(signed, request, UpdateReport.class);
        UpdateReports.Outcome outcome = updates.store(signed, report);
        return ResponseEntity.status(outcome == UpdateReports.Outcome.STORED ? 201 : 200)
                .body(Map.of("installationId", signed.id().toString(), "jobId", report.jobId(), "outcome", outcome.name()));
    }

    /** The body of a signed report, in the statistics' order: size (413), signature (403), time (409), then its JSON (400). */
    private <T> T verifiedBody(SignedReport signed, HttpServletRequest request, Class<T> type) throws IOException {
        byte[] body = readBounded(request);
        signed.verify(body, clock.instant(), settings.maxClockSkew());
        try {
            return JSON.readValue(body, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw StatsRefusal.invalidReport(e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** An installation's update reports, newest job first, for the vendor (publisher token). */
    @GetMapping("/{id}/updates")
    UpdateReports.Page updates(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return updates.list(SignedReport.uuid(id).toString(), page, size);
    }

    /** The body, never more than {@code max-report-size} (+1 byte to tell that it is larger) in memory. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        long limit = settings.maxReportSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw StatsRefusal.tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            throw StatsRefusal.tooLarge(limit);
        }
        return body;
    }

    @GetMapping
    Installations.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return installations.list(page, size);
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw new BadParameter("page", Integer.toString(page), "нужно целое число от 0", "expected a whole number from 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadParameter("size", Integer.toString(size), "нужно от 1 до " + MAX_PAGE_SIZE,
                    "expected 1 to " + MAX_PAGE_SIZE);
        }
    }
}
