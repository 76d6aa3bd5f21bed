package ru.ksamu.platform.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

/**
 * Boot's {@code /error}, which answers what went wrong outside Spring MVC's handlers (a filter's
 * {@code sendError}, an exception thrown in a filter, the servlet container's own refusals): for an
 * API path a problem with the catalogue's code for the status, whatever the request accepts; for
 * anything else Boot's HTML or JSON as before.
 */
class ProblemErrorController extends BasicErrorController {

    private final ProblemCatalogue catalogue;

    public ProblemErrorController(ErrorAttributes attributes, ErrorProperties properties,
                                  List<ErrorViewResolver> resolvers, ProblemCatalogue catalogue) {
        super(attributes, properties, resolvers);
        this.catalogue = catalogue;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (!ApiPaths.isApi(request)) {
            return super.errorHtml(request, response);
        }
        try {
            problem(request).write(request, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        return ApiPaths.isApi(request) ? problem(request).response(request) : super.error(request);
    }

    private Problem problem(HttpServletRequest request) {
        int status = getStatus(request).value();
        int answered = status < 400 ? 500 : status;
        String path = Problem.instance(request);
        String method = request.getMethod();
        return catalogue.forStatus(answered).problem(
                answered < 500 ? "Запрос " + method + " " + path + " отклонён (" + answered + ")"
                        : "Запрос " + method + " " + path + " не выполнен, подробности в журнале программы",
                answered < 500 ? "request " + method + " " + path + " refused (" + answered + ")"
                        : "request " + method + " " + path + " failed, see the program's log").withStatus(answered);
    }
}
