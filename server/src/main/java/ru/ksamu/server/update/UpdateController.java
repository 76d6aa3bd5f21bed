package ru.ksamu.server.update;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.Channel;
import ru.ksamu.server.clients.ClientDistribution;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.web.ServerProblem;

/** {@code /api/v1/update}: the installed version and what the cloud offers; checking needs the admin password. */
@RestController
@RequestMapping("/api/v1/update")
class UpdateController {

    private final UpdateChecker checker;
    private final InstallationStore installation;
    private final UpdateEngine engine;
    private final UpdateJournal journal;
    private final ClientDistribution clients;
    private final Maintenance maintenance;

    UpdateController(Maintenance maintenance, UpdateChecker checker, InstallationStore installation, UpdateEngine engine, UpdateJournal journal,
                     ClientDistribution clients) {
        this.checker = checker;
        this.installation = installation;
        this.engine = engine;
        this.journal = journal;
        this.clients = clients;
        this.maintenance = maintenance;
    }

    @GetMapping
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installedVersion", installation.get().installedVersion().map(Object::toString).orElse(null));
        m.put("clientVersion", clients.current().map(c -> c.version().toString()).orElse(null));
        m.put("channels", List.of(checker.state(Channel.STABLE), checker.state(Channel.TEST)));
        m.put("jobs", journal.latest(20));
        m.put("maintenance", maintenance.state());
        return m;
    }

    /**
     * Отменить обратный отсчёт: 200 when a countdown was running, 409 when there is none or its
     * deadline has already passed (the lock goes ahead).
     */
    @PostMapping("/cancel")
    ResponseEntity<Map<String, Object>> cancel(Principal who) {
        Maintenance.CancelAnswer answer = engine.cancelCountdown(who.getName());
        boolean cancelled = answer == Maintenance.CancelAnswer.CANCELLING;
        if (!cancelled) {
            throw new ProblemException(ServerProblem.NOT_CANCELLABLE.problem(answer.russian(), answer.english())
                    .with("cancelled", false));
        }
        return ResponseEntity.ok(Map.of("cancelled", true,
                "message", answer.russian() + " / " + answer.english()));
    }

    /** Выполнить обновление из тестового репозитория: starts the manual test update (202 with its run id). */
    @PostMapping("/test")
    ResponseEntity<Map<String, Object>> updateFromTest(Principal who) {
        long runId = engine.updateFromTest(who.getName());
        return ResponseEntity.accepted().body(Map.of("runId", runId));
    }

    /** Checks both channels now (regions as configured). */
    @PostMapping("/check")
    Map<String, Object> check() {
        checker.check(Channel.STABLE, false);
        checker.check(Channel.TEST, false);
        return state();
    }
}
