package ru.ksamu.server.console;

import java.security.Principal;
import java.time.Clock;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.server.text.Plurals;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;

/**
 * "Менеджер потоков" (a live table refreshed by htmx) and "Технические работы" (stop all). Viewers'
 * streams (an open live log) are accounted for in the thread manager but are nobody's work: not listed.
 */
@Controller
class ConsoleThreadsController {

    private final ThreadManager threads;
    private final Clock clock;
    private final MessageSource messages;

    ConsoleThreadsController(ThreadManager threads, Clock clock, MessageSource messages) {
        this.threads = threads;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/threads")
    String page(Model model, Locale locale) {
        fill(model, locale);
        return "threads";
    }

    /** The table alone, polled by the page every two seconds. */
    @GetMapping("/threads/table")
    String table(Model model, Locale locale) {
        fill(model, locale);
        return "threads :: table";
    }

    private void fill(Model model, Locale locale) {
        String stopped = messages.getMessage("threads.step.stopped", null, locale);
        model.addAttribute("units", threads.list().stream().filter(s -> s.kind() != WorkKind.STREAM)
                .map(s -> ThreadRow.of(s, clock.getZone(), locale, stopped, who(s.startedBy(), locale))).toList());
    }

    @PostMapping("/threads/{id}/stop")
    String stop(@PathVariable long id, Principal who, RedirectAttributes flash, Locale locale) {
        boolean asked = threads.stop(id, who.getName());
        flash.addFlashAttribute(asked ? "flash" : "flashError",
                messages.getMessage(asked ? "threads.stop.asked" : "threads.stop.notRunning",
                        new Object[] {String.valueOf(id)}, locale));
        return "redirect:/threads";
    }

    @PostMapping("/maintenance/stop-all")
    String stopAll(Principal who, RedirectAttributes flash, Locale locale) {
        int n = threads.stopAll(who.getName());
        flash.addFlashAttribute("flash", Plurals.format(messages, "threads.stopAll.asked", n, locale));
        return "redirect:/threads";
    }

    /** The scheduler and the server itself in the console's language; an admin's login as it is. */
    private String who(String startedBy, Locale locale) {
        return switch (startedBy) {
            case WorkRequest.SCHEDULER_USER -> messages.getMessage("threads.by.scheduler", null, locale);
            case WorkRequest.SYSTEM_USER -> messages.getMessage("threads.by.system", null, locale);
            default -> startedBy;
        };
    }
}
