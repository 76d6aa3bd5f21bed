package ru.ksamu.server.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import ru.ksamu.server.update.ReleaseImport;
import ru.ksamu.server.update.UpdateEngine;

/**
 * "Технические работы": «Импорт релиза из файла» and «Установить версию X из файла». The page's
 * script sends the chosen file as the request body (so the browser shows the upload's progress)
 * with the console's CSRF header; only the signed-in admin may (every console POST needs the
 * admin). The verdict comes back as JSON in the console's language.
 */
@Controller
class ConsoleImportController {

    private final ReleaseImport imports;
    private final UpdateEngine engine;
    private final MessageSource messages;

    ConsoleImportController(ReleaseImport imports, UpdateEngine engine, MessageSource messages) {
        this.imports = imports;
        this.engine = engine;
        this.messages = messages;
    }

    /** The upload: 200 with the verdict and the version, 422 with the refusal naming the file. */
    @PostMapping(path = "/maintenance/import", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> upload(@RequestParam(defaultValue = "") String name, HttpServletRequest request,
                                               Principal who, Locale locale) throws IOException {
        String shown = ReleaseImport.shownName(name);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            ReleaseImport.Imported imported = imports.importUpload(request.getInputStream(), request.getContentLengthLong(), name,
                    who.getName());
            m.put("ok", true);
            m.put("version", imported.version().toString());
            m.put("message", Lang.of(imported.russian(shown), imported.english(shown), locale));
            m.put("install", messages.getMessage("maintenance.import.install", new Object[] {imported.version().toString()}, locale));
            return ResponseEntity.ok(m);
        } catch (ReleaseImport.ImportRefusedException e) {
            m.put("ok", false);
            m.put("message", Lang.of(e, locale));
            return ResponseEntity.status(422).body(m);
        }
    }

    /** Установить версию X из файла: starts the install and shows the thread manager. */
    @PostMapping("/maintenance/import/install")
    String install(@RequestParam(defaultValue = "") String version, Principal who, RedirectAttributes flash, Locale locale) {
        try {
            Version v = Version.parse(version);
            long id = engine.installFromFile(v, who.getName());
            flash.addFlashAttribute("flash", messages.getMessage("maintenance.import.started",
                    new Object[] {v.toString(), String.valueOf(id)}, locale));
            return "redirect:/threads";
        } catch (InvalidVersionException e) {
            flash.addFlashAttribute("flashError", Lang.of(e.russian(), e.english(), locale));
        } catch (ProblemException e) {
            flash.addFlashAttribute("flashError", Lang.of(e, locale));
        }
        return "redirect:/maintenance";
    }
}
