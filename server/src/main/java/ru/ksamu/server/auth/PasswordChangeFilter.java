package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.ksamu.server.web.ServerProblem;

/**
 * The article's default password lets the admin in once: until a new one is set, the signed-in
 * admin may read, sign out and change the password, nothing else. The console sends every other
 * page to the password form; the API answers a write with 403 {@code PASSWORD_CHANGE_REQUIRED}.
 */
final class PasswordChangeFilter extends OncePerRequestFilter {

    static final String CONSOLE_FORM = "/password";
    static final String API_CHANGE = "/api/v1/account/password";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    /** What the console may still do: the form itself, sign out, and what its pages load. */
    private static final RequestMatcher CONSOLE_ALLOWED = new OrRequestMatcher(PATHS.matcher(CONSOLE_FORM),
            PATHS.matcher(HttpMethod.POST, "/logout"), PATHS.matcher("/login"), PATHS.matcher(HttpMethod.GET, "/banner"),
            PATHS.matcher(HttpMethod.GET, "/vendor/**"), PATHS.matcher(HttpMethod.GET, "/*.css"),
            PATHS.matcher(HttpMethod.GET, "/*.js"), PATHS.matcher(HttpMethod.GET, "/favicon.ico"),
            PATHS.matcher("/error"));
    private static final RequestMatcher API = PATHS.matcher("/api/**");
    private static final RequestMatcher API_ALLOWED = PATHS.matcher(HttpMethod.POST, API_CHANGE);

    private final AdminAccount account;

    PasswordChangeFilter(AdminAccount account) {
        this.account = account;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!SecurityConfig.isAdmin(SecurityContextHolder.getContext().getAuthentication()) || !account.isDefault()) {
            chain.doFilter(req, res);
            return;
        }
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (API.matches(req)) {
            if (read || API_ALLOWED.matches(req)) {
                chain.doFilter(req, res);
            } else {
                ServerProblem.PASSWORD_CHANGE_REQUIRED.problem("Сначала смените пароль администратора по умолчанию"
                        + " (POST " + API_CHANGE + " или вкладка «Настройки»)", "change the default admin password first"
                        + " (POST " + API_CHANGE + " or the Settings tab)").write(req, res);
            }
        } else if (CONSOLE_ALLOWED.matches(req)) {
            chain.doFilter(req, res);
        } else {
            res.setStatus(HttpServletResponse.SC_SEE_OTHER);
            res.setHeader("Location", req.getContextPath() + CONSOLE_FORM);
        }
    }
}
