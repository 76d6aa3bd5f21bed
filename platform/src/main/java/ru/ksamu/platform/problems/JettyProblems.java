package ru.ksamu.platform.problems;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before the servlet application sees the request (an ambiguous URI such
 * as an encoded slash, a malformed request line or header): for an API path a problem with the
 * catalogue's code for the status, instead of Jetty's HTML page; anything else as Jetty writes it.
 */
final class JettyProblems extends ErrorHandler {

    private final ProblemCatalogue catalogue;

    JettyProblems(ProblemCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(ApiPaths.PREFIX) || code < 400) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        String reason = message == null ? "" : message;
        Problem problem = catalogue.forStatus(code).problem("Запрос отклонён веб-сервером (" + code + "): " + reason,
                "request refused by the web server (" + code + "): " + reason).withStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.write(true, ByteBuffer.wrap(problem.json(path)), callback);
    }
}
