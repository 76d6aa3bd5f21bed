package ru.ksamu.server.console;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.server.tasks.TaskBusyException;
import ru.ksamu.server.tasks.TaskNotFoundException;

/** Errors of console pages: back to the task table with the message, never a JSON body or a stack trace. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler({TaskNotFoundException.class, TaskBusyException.class})
    String toTasks(RuntimeException e, RedirectAttributes flash) {
        flash.addFlashAttribute("flashError", e.getMessage());
        return "redirect:/tasks";
    }
}
