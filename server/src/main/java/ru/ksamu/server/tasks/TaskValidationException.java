package ru.ksamu.server.tasks;

import java.util.List;
import java.util.Map;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.server.web.ServerProblem;

/** A task form with one or more bad fields; each error names its field (400 {@code VALIDATION}, one entry per field). */
public class TaskValidationException extends ProblemException {

    private final List<FieldError> errors;

    public TaskValidationException(List<FieldError> errors) {
        super(ServerProblem.VALIDATION.problem("Задание не сохранено: исправьте поля: " + fields(errors),
                        "the task was not saved: fix the fields " + fields(errors))
                .with("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.messageRu(),
                        "messageEn", f.messageEn())).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String fields(List<FieldError> errors) {
        return String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
    }
}
