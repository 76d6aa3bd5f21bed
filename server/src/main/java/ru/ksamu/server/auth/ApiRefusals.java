package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import ru.ksamu.server.web.JsonRefusal;

/**
 * The API's refusals written by the security filters, in the API's JSON shape ({@code code},
 * {@code message}): a request without the credential it needs learns which one (the admin's
 * password, or a workstation's token for the clinic program's API).
 */
final class ApiRefusals implements AuthenticationEntryPoint {

    private final RequestMatcher workstationPaths = PathPatternRequestMatcher.withDefaults().matcher(WorkstationTokenFilter.MIS);
    private final RequestMatcher whoAmI = PathPatternRequestMatcher.withDefaults().matcher(WorkstationTokenFilter.WHO_AM_I);

    @Override
    public void commence(HttpServletRequest req, HttpServletResponse res, AuthenticationException e) throws IOException {
        if (workstationPaths.matches(req) || whoAmI.matches(req)) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"ksamu\"");
            JsonRefusal.write(res, 401, "WORKSTATION_NOT_REGISTERED", WorkstationTokenFilter.NOT_REGISTERED);
        } else {
            res.setHeader("WWW-Authenticate", "Basic realm=\"ksamu\"");
            JsonRefusal.write(res, 401, "UNAUTHORIZED", "Нужен пароль администратора (HTTP Basic, пользователь admin)"
                    + " / the admin password is required (HTTP Basic, user admin)");
        }
    }
}
