package ru.ksamu.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/**
 * Every refusal as {@code {"code": "<ErrorCode name>", "message": "ru / en"}} with the status
 * docs/release-format.md suggests: 400 bad input, 401 token, 404, 409, 413 size, 422 a refused
 * bundle, 500 the hub's own failure.
 */
@RestControllerAdvice(basePackages = "ru.ksamu.hub")
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final String dataDir;

    ApiErrors(HubFolders folders) {
        this.dataDir = folders.dataDir().toString();
    }

    @ExceptionHandler(ReleaseException.class)
    ResponseEntity<ErrorBody> refused(ReleaseException e) {
        int status = statusOf(e);
        if (status >= 500) {
            log.error("Request failed: {}", e.english(), e);
            return body(HttpStatus.INTERNAL_SERVER_ERROR.value(), ErrorCode.HUB_ERROR,
                    "Внутренняя ошибка хаба: " + e.russian() + " / hub error: " + e.english());
        }
        log.warn("Refused ({} {}): {}", status, e.code(), e.english());
        // Messages of the release library may name the upload's temp file: the hub's folders are its own business.
        return body(status, e.code(), e.getMessage().replace(dataDir, "<data-dir>"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST.value(), ErrorCode.INVALID_ARGUMENT,
                "Не задан параметр " + e.getParameterName() + " / missing parameter " + e.getParameterName());
    }

    /** A parameter that is not of its type ({@code size=abc}): named, like a value out of range ({@link BadParameter}). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mistypedParameter(MethodArgumentTypeMismatchException e) {
        String value = BadParameter.abbreviate(String.valueOf(e.getValue()));
        Class<?> type = e.getRequiredType();
        boolean number = type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class);
        String ru = number ? "нужно целое число" : "нужно значение типа " + (type == null ? "?" : type.getSimpleName());
        String en = number ? "expected a whole number" : "expected a " + (type == null ? "?" : type.getSimpleName());
        return body(HttpStatus.BAD_REQUEST.value(), ErrorCode.INVALID_ARGUMENT,
                "Неверный параметр " + e.getName() + " = \"" + value + "\": " + ru
                        + " / invalid parameter " + e.getName() + " = \"" + value + "\": " + en);
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

    static ResponseEntity<ErrorBody> body(int status, ErrorCode code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(code.name(), message));
    }

    /** The JSON error body; the release CLI reads both fields. */
    record ErrorBody(String code, String message) {
    }
}
