package ru.ksamu.server.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import ru.ksamu.server.tasks.TaskBusyException;
import ru.ksamu.server.tasks.TaskNotFoundException;
import ru.ksamu.server.tasks.TaskValidationException;

/**
 * Errors of the REST API as JSON: a stable {@code code}, a Russian {@code message}, and for bad
 * input one entry per field.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(TaskValidationException.class)
    ResponseEntity<Map<String, Object>> invalid(TaskValidationException e) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", f.field(), "message", f.messageRu(), "messageEn", f.messageEn())).toList();
        return body(HttpStatus.BAD_REQUEST, "VALIDATION", "Задание не сохранено: исправьте поля / fix the fields",
                Map.of("errors", errors));
    }

    @ExceptionHandler(TaskNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(TaskNotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage(), Map.of());
    }

    @ExceptionHandler(TaskBusyException.class)
    ResponseEntity<Map<String, Object>> busy(TaskBusyException e) {
        return body(HttpStatus.CONFLICT, "BUSY", e.getMessage(), Map.of());
    }

    @ExceptionHandler(org.springframework.beans.TypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badParameter(org.springframework.beans.TypeMismatchException e) {
        String name = e.getPropertyName() == null ? "" : e.getPropertyName();
        return body(HttpStatus.BAD_REQUEST, "BAD_PARAMETER", "Неверное значение параметра " + name + " = \""
                + e.getValue() + "\" / invalid value of parameter " + name, Map.of("parameter", name));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "MALFORMED", "Запрос не разобран: " + firstLine(e.getMessage())
                + " / the request body is not valid JSON of the expected shape", Map.of());
    }

    /** Anything else: logged with its stack for the developers, answered without internals. */
    @ExceptionHandler(Unavailable.class)
    ResponseEntity<Map<String, Object>> unavailable(Unavailable e) {
        ResponseEntity<Map<String, Object>> r = body(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", e.getMessage(), Map.of());
        return ResponseEntity.status(r.getStatusCode()).header("Retry-After", Integer.toString(e.retryAfterSeconds()))
                .body(r.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException) {
            throw e; // Spring answers these itself (404, 405, 401, 403, a client that went away ...)
        }
        log.error("API request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL",
                "Внутренняя ошибка сервера, подробности в журнале сервера / internal error, see the server log", Map.of());
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String code, String message,
                                                    Map<String, Object> extra) {
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("code", code);
        b.put("message", message);
        b.putAll(extra);
        // Set, not negotiated: a refused event stream (Accept: text/event-stream) gets this JSON too, never a 500.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(b);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
