package ru.ksamu.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.installation.Installation;
import ru.ksamu.server.installation.InstallationStore;

/** The console's home page: the installed version and the state of every managed database. */
@Controller
class HomeController {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final InstallationStore installations;
    private final ManagedDatabases databases;
    private final Clock clock;
    private final TaskTexts texts;

    HomeController(InstallationStore installations, ManagedDatabases databases, Clock clock, TaskTexts texts) {
        this.texts = texts;
        this.installations = installations;
        this.databases = databases;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model, Locale locale) {
        Installation installation = installations.get();
        List<DatabaseRow> rows = databases.all().parallelStream()
                .map(db -> DatabaseRow.probe(db, texts.databaseTitle(db.name(), locale))).toList();
        model.addAttribute("installation", installation);
        model.addAttribute("installedVersion", installation.installedVersion().map(Object::toString).orElse(null));
        model.addAttribute("databases", rows);
        model.addAttribute("now", ConsoleFormats.dateTime(ZonedDateTime.now(clock)));
        return "home";
    }

    /** One line of the databases table. */
    record DatabaseRow(String name, String title, String kind, String url, boolean reachable, String error) {
        static DatabaseRow probe(ManagedDatabase db, String title) {
            ManagedDatabase.Reachability r = db.probe(PROBE_TIMEOUT);
            return new DatabaseRow(db.name(), title, db.kind().title(), db.endpoint().displayUrl(),
                    r.reachable(), r.error());
        }
    }
}
