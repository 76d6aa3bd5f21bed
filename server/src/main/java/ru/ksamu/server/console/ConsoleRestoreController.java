package ru.ksamu.server.console;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.dbtasks.BackupFile;
import ru.ksamu.server.dbtasks.Restores;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.update.UpdateEngine;

/**
 * "Технические работы" and its "Восстановить из резервной копии" (the list of backups and the
 * restore form); the page also lists the releases imported from files ({@link ConsoleImportController}).
 */
@Controller
class ConsoleRestoreController {

    private final Restores restores;
    private final ManagedDatabases databases;
    private final Clock clock;
    private final MessageSource messages;
    private final UpdateEngine engine;

    ConsoleRestoreController(Restores restores, ManagedDatabases databases, Clock clock, MessageSource messages,
                             UpdateEngine engine) {
        this.engine = engine;
        this.messages = messages;
        this.restores = restores;
        this.databases = databases;
        this.clock = clock;
    }

    /** One backup as the form lists it. */
    record BackupRow(String database, String file, String takenAt, String size, String folder) {
    }

    /** A managed database as the form offers it. */
    record DatabaseRow(String name, String title) {
    }

    /** The "Технические работы" page: stop all, the test update, and the restore form. */
    @GetMapping("/maintenance")
    String page(Model model) throws IOException {
        List<BackupFile> all = restores.all();
        model.addAttribute("backups", all.stream().map(b -> new BackupRow(b.database(), b.name(),
                Times.shown(b.takenAt().atZone(clock.getZone()).toInstant(), clock.getZone()), Sizes.russian(b.size()),
                b.path().getParent().toString())).toList());
        model.addAttribute("restoreDatabases", databases.all().stream()
                .map(d -> new DatabaseRow(d.name(), d.title())).toList());
        model.addAttribute("imported", engine.importedVersions().stream().map(Object::toString).toList());
        return "maintenance";
    }

    @PostMapping("/maintenance/restore")
    String restore(@RequestParam(defaultValue = ManagedDatabase.MAIN) String database,
                   @RequestParam(defaultValue = "") String file, Principal who, RedirectAttributes flash, Locale locale)
            throws IOException {
        if (file.isBlank()) {
            flash.addFlashAttribute("flashError", messages.getMessage("restore.chooseBackup", null, locale));
            return "redirect:/maintenance";
        }
        try {
            long id = restores.start(database, file, who.getName());
            flash.addFlashAttribute("flash", messages.getMessage("restore.started",
                    new Object[] {file, String.valueOf(id)}, locale));
            return "redirect:/threads";
        } catch (Restores.RestoreRefused e) {
            flash.addFlashAttribute("flashError", messages.getMessage("restore.refused",
                    new Object[] {Lang.of(e, locale)}, locale));
            return "redirect:/maintenance";
        }
    }
}
