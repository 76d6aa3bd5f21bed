package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import ru.ksamu.platform.problems.Problem;
import ru.ksamu.server.web.ServerProblem;

/**
 * The API's refusals written by the security filters, as problems: a request without the
 * credential it needs learns which one (401: the admin's password, or a workstation's token for
 * the clinic program's API); a caller who may not do this gets 403 {@code FORBIDDEN}.
 */
final class ApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Problem ADMIN_REQUIRED = ServerProblem.UNAUTHORIZED.problem(
            "Нужен пароль администратора (HTTP Basic, пользователь admin)",
            "the admin password is required (HTTP Basic, user admin)").withHeader("WWW-Authenticate", "Basic realm=\"ksamu\"");

    private final RequestMatcher workstationPaths = PathPatternRequestMatcher.withDefaults().matcher(WorkstationTokenFilter.MIS);
    private final RequestMatcher whoAmI = PathPatternRequestMatcher.withDefaults().matcher(WorkstationTokenFilter.WHO_AM_I);

    @Override
    public void commence(HttpServletRequest req, HttpServletResponse res, AuthenticationException e) throws IOException {
        if (workstationPaths.matches(req) || whoAmI.matches(req)) {
            WorkstationTokenFilter.NOT_REGISTERED.withHeader("WWW-Authenticate", "Bearer realm=\"ksamu\"").write(req, res);
        } else {
            ADMIN_REQUIRED.write(req, res);
        }
    }

    @Override
    public void handle(HttpServletRequest req, HttpServletResponse res, AccessDeniedException e) throws IOException {
        ServerProblem.FORBIDDEN.problem("Этой учётной записи нельзя " + req.getMethod() + " " + req.getRequestURI(),
                "this account may not " + req.getMethod() + " " + req.getRequestURI()).write(req, res);
    }
}
