package ru.ksamu.hub;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import ru.ksamu.platform.problems.ProblemCatalogue;
import ru.ksamu.platform.problems.ProblemCode;
import ru.ksamu.platform.problems.ProblemHandlers;
import ru.ksamu.platform.problems.ProblemWebConfiguration;
import ru.ksamu.release.ReleaseException;

/**
 * Every refusal of the hub's API as {@code application/problem+json} with a code of
 * {@link HubProblem} (the release CLI reads {@code code} and {@code message}) and the status
 * docs/release-format.md suggests: 400 bad input, 401 token, 404, 409, 413 size, 422 a refused
 * bundle, 500 the hub's own failure. Spring MVC's and Spring Security's refusals, and Boot's
 * {@code /error}, answer in the same shape ({@link ProblemHandlers}).
 */
@RestControllerAdvice
@Import(ProblemWebConfiguration.class)
class ApiErrors extends ProblemHandlers {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final String dataDir;

    ApiErrors(HubFolders folders, ProblemCatalogue catalogue) {
        super(catalogue);
        this.dataDir = folders.dataDir().toString();
    }

    @ExceptionHandler(ReleaseException.class)
    ResponseEntity<Map<String, Object>> refused(ReleaseException e, HttpServletRequest request) {
        int status = statusOf(e);
        if (status >= 500) {
            log.error("Request failed: {}", e.english(), e);
            return HubProblem.HUB_ERROR.problem("Внутренняя ошибка хаба: " + e.russian(), "hub error: " + e.english())
                    .response(request);
        }
        log.warn("Refused ({} {}): {}", status, e.code(), e.english());
        // Messages of the release library may name the upload's temp file: the hub's folders are its own business.
        return HubProblem.of(e.code()).problem(e.russian().replace(dataDir, "<data-dir>"),
                e.english().replace(dataDir, "<data-dir>")).withStatus(status).response(request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return HubProblem.INVALID_ARGUMENT.problem("Не задан параметр " + e.getParameterName(),
                "missing parameter " + e.getParameterName()).with("parameter", e.getParameterName()).response(request);
    }

    /** A parameter that is not of its type ({@code size=abc}): named, like a value out of range ({@link BadParameter}). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mistypedParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String value = BadParameter.abbreviate(String.valueOf(e.getValue()));
        Class<?> type = e.getRequiredType();
        boolean number = type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class);
        String ru = number ? "нужно целое число" : "нужно значение типа " + (type == null ? "?" : type.getSimpleName());
        String en = number ? "expected a whole number" : "expected a " + (type == null ? "?" : type.getSimpleName());
        return HubProblem.INVALID_ARGUMENT.problem("Неверный параметр " + e.getName() + " = \"" + value + "\": " + ru,
                "invalid parameter " + e.getName() + " = \"" + value + "\": " + en).with("parameter", e.getName())
                .response(request);
    }

    static int statusOf(ReleaseException e) {
        if (e instanceof HubRefusal refusal) {
            return refusal.status();
        }
        return switch (e.code()) {
            case INVALID_VERSION, INVALID_ARGUMENT -> 400;
            case HUB_UNAUTHORIZED -> 401;
            case RELEASE_NOT_FOUND -> 404;
            case RELEASE_EXISTS -> 409;
            case SIZE_LIMIT -> 413;
            default -> switch (e.code().family()) {
                case CONTENT, INTEGRITY, TRUST -> 422;
                default -> 500;
            };
        };
    }

    /** The hub's catalogue: {@link HubProblem}. */
    @Component
    static final class Catalogue implements ProblemCatalogue {

        @Override
        public List<? extends ProblemCode> codes() {
            return List.of(HubProblem.values());
        }

        @Override
        public ProblemCode forStatus(int status) {
            return HubProblem.forStatus(status);
        }
    }
}
