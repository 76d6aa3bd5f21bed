package ru.ksamu.server.tasks;

import java.util.List;
import ru.ksamu.schedule.ScheduleValidator.FieldError;

/** A task form with one or more bad fields; each error names its field. */
public class TaskValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public TaskValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.messageRu()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
