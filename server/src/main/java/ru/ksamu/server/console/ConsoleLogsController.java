package ru.ksamu.server.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import ru.ksamu.server.logs.RunLogFilter;
import ru.ksamu.server.logs.RunLogQuery;

/** "Логи": the filtered log (one run's whole log with {@code ?run=}) and the live tail. */
@Controller
class ConsoleLogsController {

    static final int PAGE = 200;

    private final RunLogQuery query;

    ConsoleLogsController(RunLogQuery query) {
        this.query = query;
    }

    @GetMapping("/logs")
    String logs(@RequestParam(required = false) Long task, @RequestParam(required = false) Long run,
                @RequestParam(required = false) String level, @RequestParam(required = false) String text,
                @RequestParam(defaultValue = "0") int page, Model model) {
        RunLogQuery.Page result = query.page(new RunLogFilter(task, run, blankToNull(level), null, null, text),
                Math.max(0, page), PAGE);
        model.addAttribute("result", result);
        model.addAttribute("task", task);
        model.addAttribute("run", run);
        model.addAttribute("level", level);
        model.addAttribute("text", text);
        model.addAttribute("latestId", query.latestId());
        return "logs";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
