package ru.ksamu.server.dbtasks;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.web.ServerProblem;

/**
 * {@code /api/v1/backups}: the backups per database (reading is open) and the restore from one
 * (admin, as every change).
 */
@RestController
@RequestMapping("/api/v1/backups")
class BackupsController {

    private final Restores restores;
    private final ManagedDatabases databases;
    private final Clock clock;

    BackupsController(Restores restores, ManagedDatabases databases, Clock clock) {
        this.restores = restores;
        this.databases = databases;
        this.clock = clock;
    }

    /** What restore request the console sends. */
    record RestoreRequest(String database, String file) {
    }

    @GetMapping
    Map<String, Object> list() throws IOException {
        List<BackupFile> all = restores.all();
        List<Map<String, Object>> dbs = new ArrayList<>();
        for (ManagedDatabase db : databases.all()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", db.name());
            d.put("title", db.title());
            d.put("kind", db.kind().name());
            d.put("backups", all.stream().filter(b -> b.database().equals(db.name())).map(this::view).toList());
            dbs.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folders", restores.folders().stream().map(Path::toString).toList());
        m.put("databases", dbs);
        return m;
    }

    private Map<String, Object> view(BackupFile b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", b.name());
        m.put("folder", b.path().getParent().toString());
        m.put("size", b.size());
        var at = b.takenAt().atZone(clock.getZone()).toInstant();
        m.put("takenAt", at.toString());
        m.put("takenAtShown", Times.shown(at, clock.getZone()));
        return m;
    }

    /** Восстановить из резервной копии: 202 with the run id; 400/404 when it cannot start. */
    @PostMapping("/restore")
    ResponseEntity<Map<String, Object>> restore(@RequestBody RestoreRequest request, Principal who) throws IOException {
        if (request == null || request.database() == null || request.file() == null) {
            throw new Restores.RestoreRefused(ServerProblem.BAD_REQUEST, "Укажите database и file", "give database and file");
        }
        long runId = restores.start(request.database(), request.file(), who.getName());
        return ResponseEntity.accepted().body(Map.of("runId", runId));
    }
}
