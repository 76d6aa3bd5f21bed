package ru.ksamu.server.console;

import java.security.Principal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.schedule.DayParity;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.schedule.ScheduleValidator;
import ru.ksamu.server.tasks.TaskBusyException;
import ru.ksamu.server.tasks.TaskDefinition;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskService;
import ru.ksamu.server.tasks.TaskTypes;
import ru.ksamu.server.tasks.TaskValidationException;
import ru.ksamu.server.tasks.TaskView;

/** The "Задачи" tab: the article's table, the editor of Figure 1, execute now, delete. */
@Controller
class ConsoleTasksController {

    private final TaskService tasks;
    private final TaskTypes types;
    private final Clock clock;
    private final TaskTexts texts;
    private final MessageSource messages;

    ConsoleTasksController(TaskService tasks, TaskTypes types, Clock clock, TaskTexts texts, MessageSource messages) {
        this.messages = messages;
        this.tasks = tasks;
        this.types = types;
        this.clock = clock;
        this.texts = texts;
    }

    @GetMapping("/tasks")
    String table(Model model, Locale locale) {
        model.addAttribute("tasks", tasks.list().stream().map(t -> TaskView.of(t, types, clock.getZone()))
                .map(v -> texts.row(v, locale)).toList());
        return "tasks";
    }

    @GetMapping("/tasks/new")
    String create(Model model, Locale locale) {
        TaskForm blank = new TaskForm(types.all().iterator().next().key(), "",
                ScheduleFormats.formatDateTime(LocalDateTime.now(clock).withSecond(0).withNano(0).plusMinutes(5)),
                Periodicity.DAY.wireName(), List.of(), "", "", DayParity.ALL.wireName(), Map.of(), true);
        return editor(model, null, blank, List.of(), locale);
    }

    @GetMapping("/tasks/{id}")
    String edit(@PathVariable long id, Model model, Locale locale) {
        TaskDefinition t = tasks.get(id);
        var s = t.schedule();
        boolean window = !s.forbiddenFrom().equals(s.forbiddenTo());
        TaskForm form = new TaskForm(t.type(), s.name(), ScheduleFormats.formatDateTime(s.start()),
                s.periodicity().wireName(), s.forbiddenWeekdays().stream().map(DayOfWeek::name).toList(),
                window ? ScheduleFormats.formatWindowBound(s.forbiddenFrom()) : "",
                window ? ScheduleFormats.formatWindowBound(s.forbiddenTo()) : "", s.days().wireName(), t.options(),
                s.enabled());
        return editor(model, id, form, List.of(), locale);
    }

    private String editor(Model model, Long id, TaskForm form, List<ScheduleValidator.FieldError> errors, Locale locale) {
        model.addAttribute("id", id);
        model.addAttribute("form", form);
        model.addAttribute("types", types.all());
        model.addAttribute("periodicities", Periodicity.values());
        model.addAttribute("parities", DayParity.values());
        model.addAttribute("weekdays", DayOfWeek.values());
        model.addAttribute("optionLabels", texts.optionLabels(locale));
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.field(), message(e, locale), (a, b) -> a + " " + b));
        model.addAttribute("errors", byField);
        // option errors the type's fields cannot show (an option the type does not take)
        List<String> fields = types.find(form.type()).map(t -> t.options().stream().map(o -> "options." + o.key()).toList())
                .orElse(List.of());
        model.addAttribute("strayErrors", byField.entrySet().stream()
                .filter(e -> e.getKey().startsWith("options.") && !fields.contains(e.getKey())).map(Map.Entry::getValue)
                .toList());
        return "task-form";
    }

    /** The options of the chosen task type, swapped into the editor by htmx when the type changes. */
    @GetMapping("/tasks/options")
    String options(@RequestParam String type, Model model, Locale locale) {
        model.addAttribute("types", types.all());
        model.addAttribute("optionLabels", texts.optionLabels(locale));
        model.addAttribute("form", new TaskForm(type, null, null, null, null, null, null, null, null, true));
        return "task-options :: options";
    }

    @PostMapping("/tasks")
    String save(@RequestParam(required = false) Long id, @RequestParam MultiValueMap<String, String> params, Model model,
                RedirectAttributes flash, Locale locale) {
        TaskForm form = formOf(params);
        try {
            TaskDefinition saved = id == null ? tasks.create(form) : tasks.update(id, form);
            List<ScheduleValidator.FieldError> warnings = tasks.warnings(saved);
            if (warnings.isEmpty()) {
                flash.addFlashAttribute("flash", text("tasks.saved", locale, saved.name()));
            } else {
                flash.addFlashAttribute("flashWarn", text("tasks.saved.never", locale, saved.name(),
                        message(warnings.get(0), locale)));
            }
            return "redirect:/tasks";
        } catch (TaskValidationException e) {
            model.addAttribute("flashError", text("tasks.notSaved", locale));
            return editor(model, id, form, e.errors(), locale);
        }
    }

    @PostMapping("/tasks/{id}/run")
    String runNow(@PathVariable long id, Principal who, RedirectAttributes flash, Locale locale) {
        try {
            String name = tasks.get(id).name();
            long run = tasks.runNow(id, who.getName());
            flash.addFlashAttribute("flash", text("tasks.started", locale, name, String.valueOf(run)));
        } catch (TaskBusyException e) {
            flash.addFlashAttribute("flashError", Lang.of(e, locale));
        }
        return "redirect:/tasks";
    }

    @PostMapping("/tasks/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes flash, Locale locale) {
        String name = tasks.get(id).name();
        tasks.delete(id);
        flash.addFlashAttribute("flash", text("tasks.deleted", locale, name));
        return "redirect:/tasks";
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    static String message(ScheduleValidator.FieldError e, Locale locale) {
        return Lang.of(e.messageRu(), e.messageEn(), locale);
    }

    static TaskForm formOf(MultiValueMap<String, String> p) {
        Map<String, String> options = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("option.") && !v.isEmpty() && !v.get(0).isBlank()) {
                options.put(k.substring("option.".length()), v.get(0));
            }
        });
        List<String> weekdays = new ArrayList<>(p.getOrDefault("forbiddenWeekdays", List.of()));
        return new TaskForm(p.getFirst("type"), p.getFirst("name"), p.getFirst("start"), p.getFirst("periodicity"),
                weekdays, p.getFirst("forbiddenFrom"), p.getFirst("forbiddenTo"), p.getFirst("days"), options,
                p.containsKey("enabled"));
    }
}
