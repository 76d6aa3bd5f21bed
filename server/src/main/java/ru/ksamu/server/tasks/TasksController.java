package ru.ksamu.server.tasks;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tasks}: the task table. Reading is open; changes need the admin password. */
@RestController
@RequestMapping("/api/v1/tasks")
class TasksController {

    private final TaskService tasks;
    private final TaskTypes types;
    private final Clock clock;

    TasksController(TaskService tasks, TaskTypes types, Clock clock) {
        this.tasks = tasks;
        this.types = types;
        this.clock = clock;
    }

    @GetMapping
    List<TaskView> list() {
        return tasks.list().stream().map(t -> TaskView.of(t, types, clock.getZone())).toList();
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable long id) {
        return TaskView.of(tasks.get(id), types, clock.getZone());
    }

    @GetMapping("/types")
    List<Map<String, Object>> taskTypes() {
        return types.all().stream().map(t -> Map.<String, Object>of("key", t.key(), "title", t.titleRu(),
                "titleEn", t.titleEn(), "exclusive", t.exclusive(), "options", t.options())).toList();
    }

    @PostMapping
    ResponseEntity<TaskView> create(@RequestBody TaskForm form) {
        return ResponseEntity.status(HttpStatus.CREATED).body(TaskView.of(tasks.create(form), types, clock.getZone()));
    }

    @PutMapping("/{id}")
    TaskView update(@PathVariable long id, @RequestBody TaskForm form) {
        return TaskView.of(tasks.update(id, form), types, clock.getZone());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        tasks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/run")
    ResponseEntity<Map<String, Object>> runNow(@PathVariable long id, Principal who) {
        long runId = tasks.runNow(id, who.getName());
        return ResponseEntity.accepted().body(Map.of("runId", runId));
    }
}
