package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.ksamu.server.web.ServerProblem;

/**
 * Puts every password attempt through the {@link LoginThrottle} before Spring Security checks it:
 * a refused attempt never reaches bcrypt. In the API's chain an attempt is an HTTP Basic header
 * (checked on every request there); in the console's chain, a post of the sign-in form (the
 * console checks no Basic header, so one there is not an attempt).
 */
final class ThrottleFilter extends OncePerRequestFilter {

    private static final RequestMatcher FORM_LOGIN = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    private final LoginThrottle throttle;
    private final boolean basic;

    private ThrottleFilter(LoginThrottle throttle, boolean basic) {
        this.throttle = throttle;
        this.basic = basic;
    }

    /** For the API's chain: HTTP Basic. */
    static ThrottleFilter basic(LoginThrottle throttle) {
        return new ThrottleFilter(throttle, true);
    }

    /** For the console's chain: the sign-in form. */
    static ThrottleFilter form(LoginThrottle throttle) {
        return new ThrottleFilter(throttle, false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        boolean form = !basic && FORM_LOGIN.matches(req);
        Optional<String> user = form ? Optional.of(String.valueOf(req.getParameter("username")))
                : basic ? basicUser(req) : Optional.empty();
        if (user.isPresent()) {
            Optional<Duration> wait = throttle.acquire(req.getRemoteAddr(), user.get());
            if (wait.isPresent()) {
                refuse(req, res, wait.get(), form);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** The user name of an HTTP Basic attempt ("" when it cannot be read: still an attempt). */
    static Optional<String> basicUser(HttpServletRequest req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return Optional.of(colon < 0 ? "" : pair.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.of("");
        }
    }

    static void refuse(HttpServletRequest req, HttpServletResponse res, Duration wait, boolean form) throws IOException {
        long seconds = LoginThrottle.seconds(wait);
        if (form) {
            res.sendRedirect(req.getContextPath() + "/login?locked=" + seconds);
            return;
        }
        ServerProblem.THROTTLED.problem("Слишком много неудачных попыток входа, повторите через " + LoginThrottle.russian(wait),
                "too many failed sign-ins, try again in " + seconds + " s").withRetryAfter(seconds).write(req, res);
    }
}
