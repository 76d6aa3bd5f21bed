package ru.ksamu.server.clients;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import ru.ksamu.platform.files.FileRanges;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.Sha256;
import ru.ksamu.server.auth.Workstations;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.web.ServerProblem;
import ru.ksamu.server.web.Unavailable;

/**
 * What a workstation's launcher talks to: the current client's signed manifest, its files by hash
 * (ETag, Range), and the event stream that is also its session. Open, as clients have no admin
 * password; everything they install is checked against the vendor's signature on their side.
 */
@RestController
class ClientApiController {

    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ClientDistribution distribution;
    private final ClientEvents events;
    private final Maintenance maintenance;

    ClientApiController(ClientDistribution distribution, ClientEvents events,
                        Maintenance maintenance) {
        this.distribution = distribution;
        this.events = events;
        this.maintenance = maintenance;
    }

    /**
     * The current client: version, its files (paths inside the client folder, sizes, hashes), and
     * the release's manifest bytes with the vendor's signature so the launcher can verify them.
     * The ETag is the version: a launcher that asks with it gets 304 until the next install.
     */
    @GetMapping("/api/v1/client/manifest")
    ResponseEntity<Map<String, Object>> manifest(@RequestHeader(value = "If-None-Match", required = false) String etag) {
        maintenance.refuseWhileLocked(); // a launcher waits ("Сервер обновляется") instead of starting an old version
        ClientDistribution.ClientRelease c = distribution.current().orElse(null);
        if (c == null) {
            throw new ProblemException(ServerProblem.NOT_INSTALLED.problem("На сервере ещё не установлена ни одна версия КСАМУ",
                    "no KSAMU version is installed on this server yet"));
        }
        String tag = "\"" + c.version() + "\"";
        if (tag.equals(etag) || ("W/" + tag).equals(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("version", c.version().toString());
        b.put("files", c.files().stream().map(f -> Map.of("path", f.path().substring("client/".length()),
                "size", f.size(), "sha256", f.sha256())).toList());
        b.put("manifest", Base64.getEncoder().encodeToString(c.manifestBytes()));
        b.put("manifestSignature", c.manifestSignature());
        return ResponseEntity.ok().eTag(tag).cacheControl(CacheControl.noCache()).body(b);
    }

    /** A client file by its hash (current or previous version); Spring answers Range and If-None-Match. */
    @GetMapping("/api/v1/client/files/{sha256}")
    ResponseEntity<?> file(@PathVariable String sha256, @RequestHeader(value = "Range", required = false) String range) {
        if (!Sha256.isHex(sha256)) {
            throw new ProblemException(ServerProblem.BAD_PARAMETER.problem("Неверный SHA-256: нужно 64 строчные"
                    + " шестнадцатеричные цифры", "invalid SHA-256: expected 64 lowercase hex digits").with("parameter", "sha256"));
        }
        return distribution.servable(sha256)
                .<ResponseEntity<?>>map(p -> unsatisfiable(range, new FileSystemResource(p))
                        .orElseGet(() -> ResponseEntity.ok().eTag(sha256).cacheControl(IMMUTABLE)
                                .contentType(MediaType.APPLICATION_OCTET_STREAM).<Resource>body(new FileSystemResource(p))))
                .orElseThrow(() -> new ProblemException(ServerProblem.NOT_FOUND.problem("Такого файла клиента на сервере нет",
                        "no such client file on this server")));
    }

    /** 416 without a body for a Range the file cannot serve ({@link FileRanges}); empty when it can be served. */
    static Optional<ResponseEntity<?>> unsatisfiable(String range, Resource file) {
        OptionalLong length = FileRanges.unsatisfiable(range, file);
        return length.isEmpty() ? Optional.empty() : Optional.of(ResponseEntity
                .status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).header("Content-Range", "bytes */" + length.getAsLong()).build());
    }

    /** The event stream; opening it registers the client's session for the console. */
    @GetMapping(value = "/api/v1/client/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String host,
                      @RequestParam(defaultValue = "") String version, HttpServletRequest request,
                      @AuthenticationPrincipal Object principal, HttpServletResponse response) throws IOException {
        String workstation = principal instanceof Workstations.Workstation w ? w.name() : "";
        try {
            return events.open(user, host, version, request.getRemoteAddr(), workstation, maintenance.greeting());
        } catch (Unavailable e) {
            e.writeTo(request, response);
            return null;
        }
    }

    /** The connected clients (the console's Клиенты tab). */
    @GetMapping("/api/v1/clients")
    List<ClientEvents.SessionView> clients() {
        return events.sessions();
    }
}
