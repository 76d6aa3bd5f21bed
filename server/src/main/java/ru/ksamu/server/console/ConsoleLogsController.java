package ru.ksamu.server.console;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import ru.ksamu.server.logs.RunLogFilter;
import ru.ksamu.server.logs.RunLogQuery;
import ru.ksamu.server.tasks.TaskService;

/**
 * "Логи": the filtered log (one run's whole log with {@code ?run=}), a choice of task by name,
 * page links (pages counted from 1, as the admin reads them) and the live tail.
 */
@Controller
class ConsoleLogsController {

    static final int PAGE = 200;
    /** Page links shown on each side of the current page (the first and the last are always shown). */
    static final int AROUND = 2;

    private final RunLogQuery query;
    private final TaskService tasks;

    ConsoleLogsController(RunLogQuery query, TaskService tasks) {
        this.query = query;
        this.tasks = tasks;
    }

    @GetMapping("/logs")
    String logs(@RequestParam(required = false) Long task, @RequestParam(required = false) Long run,
                @RequestParam(required = false) String level, @RequestParam(required = false) String text,
                @RequestParam(defaultValue = "1") int page, Model model) {
        RunLogFilter filter = new RunLogFilter(task, run, blankToNull(level), null, null, text);
        RunLogQuery.Page first = query.page(filter, 0, PAGE);
        int pages = (int) Math.max(1, (first.total() + PAGE - 1) / PAGE);
        int current = Math.min(Math.max(1, page), pages);
        RunLogQuery.Page result = current == 1 ? first : query.page(filter, current - 1, PAGE);
        model.addAttribute("result", result);
        model.addAttribute("pages", pages);
        model.addAttribute("current", current);
        model.addAttribute("pageLinks", links(current, pages));
        model.addAttribute("tasks", tasks.list());
        model.addAttribute("task", task);
        model.addAttribute("run", run);
        model.addAttribute("level", level);
        model.addAttribute("text", text);
        model.addAttribute("latestId", query.latestId());
        return "logs";
    }

    /** The page numbers to link: 1, the pages around the current one, the last; 0 marks a gap. */
    static List<Integer> links(int current, int pages) {
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            if (p == 1 || p == pages || Math.abs(p - current) <= AROUND) {
                out.add(p);
            } else if (!out.isEmpty() && out.get(out.size() - 1) != 0) {
                out.add(0);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
