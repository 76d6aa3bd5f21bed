package ru.ksamu.server.console;

import java.security.Principal;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.server.threads.ThreadManager;

/** "Менеджер потоков" (a live table refreshed by htmx) and "Технические работы" (stop all). */
@Controller
class ConsoleThreadsController {

    private final ThreadManager threads;
    private final Clock clock;

    ConsoleThreadsController(ThreadManager threads, Clock clock) {
        this.threads = threads;
        this.clock = clock;
    }

    @GetMapping("/threads")
    String page(Model model) {
        fill(model);
        return "threads";
    }

    /** The table alone, polled by the page every two seconds. */
    @GetMapping("/threads/table")
    String table(Model model) {
        fill(model);
        return "threads :: table";
    }

    private void fill(Model model) {
        model.addAttribute("units", threads.list().stream().map(s -> ThreadRow.of(s, clock.getZone())).toList());
    }

    @PostMapping("/threads/{id}/stop")
    String stop(@PathVariable long id, Principal who, RedirectAttributes flash) {
        boolean asked = threads.stop(id, who.getName());
        flash.addFlashAttribute(asked ? "flash" : "flashError", asked
                ? "Остановка #" + id + " запрошена; задача остановится в безопасной точке"
                : "#" + id + " уже не выполняется");
        return "redirect:/threads";
    }

    @PostMapping("/maintenance/stop-all")
    String stopAll(Principal who, RedirectAttributes flash) {
        int n = threads.stopAll(who.getName());
        flash.addFlashAttribute("flash", "Остановка выполняемых задач: запрошена для " + n + " задач(и)");
        return "redirect:/threads";
    }
}
