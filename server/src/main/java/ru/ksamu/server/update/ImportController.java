package ru.ksamu.server.update;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import ru.ksamu.server.web.ServerProblem;

/**
 * {@code /api/v1/update/import}: the offline import for {@code ksamu server import FILE} and
 * scripts. Admin only (HTTP Basic, as every non-GET of the API). The body is the bundle's bytes
 * ({@code application/octet-stream}, at most {@link ReleaseImport#maxBundleBytes()}), received on the
 * request thread and verified as it arrives by the import's thread-manager unit, whose verdict is
 * the answer; a stalled upload is cut by the web server's idle timeout
 * (Jetty's, 30 s without a byte). No multipart: nothing is parsed or written before the admin's password is checked.
 */
@RestController
@RequestMapping("/api/v1/update")
class ImportController {

    private final ReleaseImport imports;
    private final UpdateEngine engine;

    ImportController(ReleaseImport imports, UpdateEngine engine) {
        this.imports = imports;
        this.engine = engine;
    }

    /**
     * Imports the bundle in the body: 200 with the verdict ({@code install=true} also starts
     * "Установить версию X из файла" and adds its {@code runId}); 422 {@code RELEASE_REFUSED}
     * naming the file and the reason, nothing stored.
     */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    Map<String, Object> importBundle(@RequestParam(defaultValue = "") String name,
                                     @RequestParam(defaultValue = "false") boolean install,
                                     HttpServletRequest request, Principal who) throws IOException {
        ReleaseImport.Imported imported = imports.importUpload(request.getInputStream(), request.getContentLengthLong(), name,
                who.getName());
        String shown = ReleaseImport.shownName(name);
        return answer(imported, shown, install ? engine.installFromFile(imported.version(), who.getName()) : null);
    }

    /** Установить версию X из файла: starts the install of an imported release (202 with its run id). */
    @PostMapping("/import/{version}/install")
    ResponseEntity<Map<String, Object>> install(@PathVariable String version, Principal who) {
        Version v;
        try {
            v = Version.parse(version);
        } catch (InvalidVersionException e) {
            throw new ProblemException(ServerProblem.BAD_PARAMETER.problem(e.russian(), e.english()).with("parameter", "version"));
        }
        return ResponseEntity.accepted().body(Map.of("runId", engine.installFromFile(v, who.getName())));
    }

    static Map<String, Object> answer(ReleaseImport.Imported imported, String name, Long runId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", imported.version().toString());
        m.put("kind", imported.kind());
        m.put("installedVersion", imported.installed().map(Object::toString).orElse(null));
        m.put("files", imported.files());
        m.put("bytes", imported.bytes());
        m.put("newFiles", imported.added());
        m.put("message", imported.russian(name));
        m.put("messageEn", imported.english(name));
        if (runId != null) {
            m.put("runId", runId);
        }
        return m;
    }
}
