package ru.ksamu.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import ru.ksamu.platform.problems.ProblemCatalogue;
import ru.ksamu.platform.problems.ProblemCode;
import ru.ksamu.platform.problems.ProblemHandlers;
import ru.ksamu.platform.problems.ProblemWebConfiguration;

/**
 * Errors of the REST API ({@code /api/**}) as {@code application/problem+json} with a code of
 * {@link ServerProblem}: a feature's {@code ProblemException} (task validation with one entry per
 * field, not found, busy, unavailable ...), Spring MVC's refusals, and Boot's {@code /error} for
 * what fails outside MVC. Last of the advices, so that the console's own (HTML) handlers come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
@Import(ProblemWebConfiguration.class)
class ApiErrors extends ProblemHandlers {

    ApiErrors(ProblemCatalogue catalogue) {
        super(catalogue);
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(TypeMismatchException e, HttpServletRequest request) {
        apiOnly(e, request);
        String name = e.getPropertyName() == null ? "" : e.getPropertyName();
        return ServerProblem.BAD_PARAMETER.problem("Неверное значение параметра " + name + " = \"" + e.getValue() + "\"",
                "invalid value of parameter " + name + " = \"" + e.getValue() + "\"").with("parameter", name).response(request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        apiOnly(e, request);
        return ServerProblem.MALFORMED.problem("Запрос не разобран: " + firstLine(e.getMessage()),
                "the request body is not valid JSON of the expected shape: " + firstLine(e.getMessage())).response(request);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The server's catalogue: {@link ServerProblem}. */
    @Component
    static final class Catalogue implements ProblemCatalogue {

        @Override
        public List<? extends ProblemCode> codes() {
            return List.of(ServerProblem.values());
        }

        @Override
        public ProblemCode forStatus(int status) {
            return ServerProblem.forStatus(status);
        }
    }
}
