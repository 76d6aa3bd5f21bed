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
import ru.ksamu.server.plugins.Plugins;

/** The console's home page: the installed version and the state of every managed database. */
@Controller
class HomeController {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final InstallationStore installations;
    private final ManagedDatabases databases;
    private final Clock clock;
    private final TaskTexts texts;
    private final Plugins plugins;

    HomeController(InstallationStore installations, ManagedDatabases databases, Clock clock, TaskTexts texts,
                   Plugins plugins) {
        this.plugins = plugins;
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
        model.addAttribute("pluginProblems", plugins.problems().stream().map(p -> new PluginRow(p.file(),
                "ru".equals(locale.getLanguage()) ? p.reasonRu() : p.reasonEn())).toList());
        model.addAttribute("pluginFolder", plugins.folder().toString());
        return "home";
    }

    /** A plug-in left out at start, in the console's language. */
    record PluginRow(String file, String reason) {
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
