package ru.ksamu.server.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's own error page for what reaches {@code /error} from a console address (an unknown
 * page, a task number that is not a number, a failure): the console's header and menu, the status
 * and what it means in the console's language, a way back. API paths never get here: they answer
 * {@code application/problem+json} (see {@code ru.ksamu.platform.problems}).
 */
@Component
class ConsoleErrorPages implements ErrorViewResolver {

    private final ConsoleModel console;

    ConsoleErrorPages(ConsoleModel console) {
        this.console = console;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>();
        int code = status.value();
        page.put("status", code);
        page.put("kind", code == 400 || code == 403 || code == 404 || code == 405 ? String.valueOf(code)
                : code >= 500 ? "500" : "other");
        page.put("path", model.get("path"));
        // the header's data, which the console's controller advice gives every other page
        page.put("signedIn", console.signedIn());
        page.put("closedTabs", console.closedTabs());
        page.put("defaultPassword", console.defaultPassword());
        page.put("maintenance", console.maintenance());
        return new ModelAndView("error", page, status);
    }
}
