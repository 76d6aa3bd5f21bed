package ru.ksamu.server.console;

import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.tasks.TaskBusyException;
import ru.ksamu.server.tasks.TaskNotFoundException;

/**
 * Errors of console pages: back to the task table with the message, never a JSON body or a stack
 * trace. First of the advices: the API's, which would otherwise take these, only answers API paths.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler({TaskNotFoundException.class, TaskBusyException.class})
    String toTasks(ProblemException e, RedirectAttributes flash, Locale locale) {
        flash.addFlashAttribute("flashError", Lang.of(e, locale));
        return "redirect:/tasks";
    }
}
