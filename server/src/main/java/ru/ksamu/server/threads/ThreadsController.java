package ru.ksamu.server.threads;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;

/** {@code /api/v1/threads}: the thread manager; stopping needs the admin password. */
@RestController
@RequestMapping("/api/v1/threads")
class ThreadsController {

    private final ThreadManager threads;

    ThreadsController(ThreadManager threads) {
        this.threads = threads;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return threads.list().stream().map(ThreadsController::view).toList();
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<Map<String, Object>> stop(@PathVariable long id, Principal who) {
        if (!threads.stop(id, who.getName())) {
            throw new ProblemException(ServerProblem.NOT_FOUND.problem("Нет выполняемой или ожидающей задачи #" + id,
                    "no running or waiting unit #" + id));
        }
        return ResponseEntity.accepted().body(Map.of("id", id));
    }

    /** Остановка выполняемых задач. */
    @PostMapping("/stop-all")
    Map<String, Object> stopAll(Principal who) {
        return Map.of("stopped", threads.stopAll(who.getName()));
    }

    static Map<String, Object> view(WorkSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("kind", s.kind().name());
        m.put("kindLabel", s.kind().ru());
        m.put("startedBy", s.startedBy());
        m.put("state", s.state().name());
        m.put("stateLabel", s.state().ru());
        m.put("submittedAt", s.submittedAt().toString());
        m.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        m.put("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString());
        m.put("elapsedSeconds", s.elapsed().toSeconds());
        m.put("step", s.step());
        m.put("progress", s.progress());
        m.put("exclusive", s.exclusive());
        m.put("system", s.system());
        m.put("taskId", s.taskId());
        m.put("waitingFor", s.waitingFor());
        m.put("critical", s.critical());
        m.put("unresponsive", s.unresponsive());
        m.put("error", s.error());
        return m;
    }
}
