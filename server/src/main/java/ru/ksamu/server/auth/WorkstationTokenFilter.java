package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.ksamu.platform.problems.Problem;
import ru.ksamu.server.web.ServerProblem;

/**
 * Signs a registered workstation in by its token ({@code Authorization: Bearer}) on the clinic
 * program's paths. On the MIS API an unknown or revoked token is refused at once with the reason;
 * on the event stream a bad token is ignored, so that even a revoked workstation still hears that
 * the base is about to be locked.
 */
final class WorkstationTokenFilter extends OncePerRequestFilter {

    static final String MIS = "/api/v1/mis/**";
    static final String WHO_AM_I = "/api/v1/client/workstation";
    static final String REGISTER = "/api/v1/client/register";
    static final String EVENTS = "/api/v1/client/events";
    /** 401 {@code WORKSTATION_NOT_REGISTERED}: no token, or one the server does not know. */
    static final Problem NOT_REGISTERED = ServerProblem.WORKSTATION_NOT_REGISTERED.problem(
            "Рабочее место не подключено к серверу КСАМУ: запустите клиент с кодом подключения, который администратор"
                    + " видит во вкладке «Клиенты»",
            "this workstation is not registered with the KSAMU server: start the client with the enrollment code shown"
                    + " to the admin on the Clients tab");
    /** 401 {@code WORKSTATION_REVOKED}. */
    static final Problem REVOKED = ServerProblem.WORKSTATION_REVOKED.problem(
            "Доступ этого рабочего места к серверу КСАМУ отозван администратором: запустите клиент с кодом подключения заново",
            "this workstation's access was revoked by the admin: register it again with the enrollment code");

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    private final RequestMatcher refusing = new OrRequestMatcher(PATHS.matcher(MIS), PATHS.matcher(WHO_AM_I));
    private final RequestMatcher events = PATHS.matcher(EVENTS);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final Workstations workstations;

    WorkstationTokenFilter(Workstations workstations) {
        this.workstations = workstations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String h = req.getHeader("Authorization");
        boolean refuses = refusing.matches(req);
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && (refuses || events.matches(req))) {
            Optional<Workstations.Workstation> w = workstations.byToken(h.substring(7).strip());
            if (w.isPresent() && !w.get().revoked()) {
                SecurityContext c = contexts.createEmptyContext();
                c.setAuthentication(new PreAuthenticatedAuthenticationToken(w.get(), null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + SecurityConfig.WORKSTATION))));
                contexts.setContext(c);
            } else if (refuses) {
                (w.isPresent() ? REVOKED : NOT_REGISTERED)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"ksamu\", error=\"invalid_token\"").write(req, res);
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
