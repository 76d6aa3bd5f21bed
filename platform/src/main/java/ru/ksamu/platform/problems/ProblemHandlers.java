package ru.ksamu.platform.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * The exception handlers every API shares: a {@link ProblemException} answered with its problem,
 * Spring MVC's own refusals (404 no such path, 405, 406, 415, a missing parameter ...) with the
 * catalogue's code for their status, anything else as 500 with the stack logged and no internals
 * sent. Only API paths ({@link ApiPaths}) are answered: for a console page the exception is thrown
 * on, to its HTML error page. A program's {@code @RestControllerAdvice} extends this class (with
 * no selector, so that it also sees requests no controller took) and adds its own handlers.
 */
public abstract class ProblemHandlers {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

    private final ProblemCatalogue catalogue;

    protected ProblemHandlers(ProblemCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Map<String, Object>> refused(ProblemException e, HttpServletRequest request) {
        apiOnly(e, request);
        return e.problem().response(request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> other(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (!ApiPaths.isApi(request) || e instanceof AccessDeniedException || e instanceof AuthenticationException
                || e instanceof AsyncRequestNotUsableException || response.isCommitted()) {
            // The console's error page, Spring Security's entry point, a client that went away, or an
            // event stream already under way (its time-out): Spring's own handling.
            throw e;
        }
        if (e instanceof ErrorResponse refusal) {
            return framework(refusal, request).response(request);
        }
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return catalogue.forStatus(500).problem(
                "Внутренняя ошибка, подробности в журнале программы",
                "internal error, see the program's log").withStatus(500).response(request);
    }

    /** Throws the exception on when the request is not the API's (the console answers in HTML). */
    protected static void apiOnly(RuntimeException e, HttpServletRequest request) {
        if (!ApiPaths.isApi(request)) {
            throw e;
        }
    }

    /** The catalogue, for a program's own handlers. */
    protected ProblemCatalogue catalogue() {
        return catalogue;
    }

    /** One of Spring MVC's refusals, in the API's words, with its headers ({@code Allow}, {@code Accept}). */
    private Problem framework(ErrorResponse refusal, HttpServletRequest request) {
        int status = refusal.getStatusCode().value();
        String path = Problem.instance(request);
        String springDetail = refusal.getBody().getDetail() == null ? "" : refusal.getBody().getDetail();
        HttpHeaders headers = refusal.getHeaders();
        String ru;
        String en;
        switch (status) {
            case 404 -> {
                ru = "Нет такого адреса API: " + path;
                en = "no such API path: " + path;
            }
            case 405 -> {
                String allow = headers.getAllow().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
                ru = "Метод " + request.getMethod() + " не принимается по адресу " + path + "; принимаются: " + allow;
                en = "method " + request.getMethod() + " is not accepted at " + path + "; accepted: " + allow;
            }
            case 406 -> {
                ru = "Ответ в запрошенном виде (Accept: " + request.getHeader(HttpHeaders.ACCEPT) + ") не может быть дан";
                en = "no answer of the requested kind (Accept: " + request.getHeader(HttpHeaders.ACCEPT) + ") can be given";
            }
            case 415 -> {
                String accepted = mediaTypes(headers.getAccept());
                ru = "Тело типа " + request.getContentType() + " не принимается по адресу " + path + "; принимается: " + accepted;
                en = "a body of type " + request.getContentType() + " is not accepted at " + path + "; accepted: " + accepted;
            }
            default -> {
                ru = (status < 500 ? "Запрос отклонён: " : "Запрос не выполнен: ") + springDetail;
                en = (status < 500 ? "request refused: " : "request failed: ") + springDetail;
            }
        }
        Problem problem = catalogue.forStatus(status).problem(ru, en).withStatus(status);
        for (Map.Entry<String, List<String>> h : headers.headerSet()) {
            problem = problem.withHeader(h.getKey(), String.join(", ", h.getValue()));
        }
        return problem;
    }

    private static String mediaTypes(List<MediaType> types) {
        return types.isEmpty() ? "—" : types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }
}
