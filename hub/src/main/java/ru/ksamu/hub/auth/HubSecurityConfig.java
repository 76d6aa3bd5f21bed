package ru.ksamu.hub.auth;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import ru.ksamu.hub.HubProblem;
import ru.ksamu.platform.problems.Problem;

/**
 * Reading the hub is open (feeds are signed, files are addressed by their hash); every change
 * (POST, PUT, DELETE, ...) and the list of installations need {@code Authorization: Bearer
 * <publisher token>} ({@link PublisherAuthentication}). Stateless: no session, no CSRF token. A
 * refusal is a 401 problem ({@code HUB_UNAUTHORIZED}) whose {@code code} and {@code message} the
 * release CLI reads. The one change open to servers is
 * their statistics report, which its endpoint checks by the installation's signature. Health shows
 * only the status, details to a publisher; Prometheus metrics are answered only as
 * {@link MetricsAccess} allows (loopback, or {@code ksamu.metrics.token}).
 */
@Configuration(proxyBeanMethods = false)
class HubSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(HubSecurityConfig.class);

    /** 401 {@code HUB_UNAUTHORIZED}: a change (or the installations list) without a valid publisher token. */
    static final Problem UNAUTHORIZED = HubProblem.HUB_UNAUTHORIZED.problem(
            "Нужен действующий токен публикации (Authorization: Bearer …)",
            "a valid publisher token is required (Authorization: Bearer …)").withHeader("WWW-Authenticate", "Bearer");
    static final Problem METRICS_REFUSED = HubProblem.HUB_UNAUTHORIZED.problem(
            "Метрики отдаются только на локальный адрес (loopback) или с Authorization: Bearer <" + MetricsSettings.KEY + ">",
            "metrics are answered only to loopback callers or with Authorization: Bearer <" + MetricsSettings.KEY + ">")
            .withHeader("WWW-Authenticate", "Bearer");
    static final Problem METRICS_LOOPBACK_ONLY = HubProblem.HUB_UNAUTHORIZED.problem(
            "Метрики отдаются только на локальный адрес (loopback): " + MetricsSettings.KEY + " не задан",
            "metrics are answered only to loopback callers: " + MetricsSettings.KEY + " is not set")
            .withHeader("WWW-Authenticate", "Bearer");

    private static final RequestMatcher PROMETHEUS = PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus/**");
    private static final RequestMatcher INSTALLATIONS_LIST = PathPatternRequestMatcher.withDefaults().matcher("/api/v1/installations");
    /** An installation's update reports (issue 22): the vendor's, like the list. */
    private static final RequestMatcher UPDATE_REPORTS = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.GET, "/api/v1/installations/*/updates");

    @Bean
    SecurityFilterChain hub(HttpSecurity http, PublisherTokens tokens, MetricsSettings metricsSettings) throws Exception {
        MetricsAccess metrics = new MetricsAccess(metricsSettings.token());
        log.info("/actuator/prometheus: {}", metricsSettings);
        Problem metricsRefusal = metrics.hasToken() ? METRICS_REFUSED : METRICS_LOOPBACK_ONLY;
        // Tokens matter for changes and the installations list; a GET carrying a stale token still reads.
        RequestMatcher needsPublisher = request -> (!isRead(request) && !isStats(request)) || INSTALLATIONS_LIST.matches(request)
                || UPDATE_REPORTS.matches(request);
        http.addFilterAt(new PublisherAuthentication(tokens, needsPublisher), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PROMETHEUS).access((authentication, context) -> new AuthorizationDecision(
                                metrics.allows(context.getRequest().getRemoteAddr(), context.getRequest().getHeader("Authorization"))))
                        .requestMatchers(INSTALLATIONS_LIST).authenticated()
                        .requestMatchers(UPDATE_REPORTS).authenticated()
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        // Servers' statistics: the installation's own signature, checked by the endpoint.
                        .requestMatchers(HttpMethod.POST, "/api/v1/installations/*/stats").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/installations/*/updates").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> refuse(request, response, metricsRefusal))
                        // Only a publisher can be denied, and only the metrics: their token is another one.
                        .accessDeniedHandler((request, response, ex) -> refuse(request, response, metricsRefusal)))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Caching is the controllers' business: files are immutable, feeds revalidate.
                .headers(h -> h.cacheControl(c -> c.disable()));
        return http.build();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Problem metricsRefusal)
            throws IOException {
        (PROMETHEUS.matches(request) ? metricsRefusal : UNAUTHORIZED).write(request, response);
    }

    private static boolean isStats(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && path.matches("/api/v1/installations/[^/]+/(stats|updates)");
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    static void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UNAUTHORIZED.write(request, response);
    }

    /** The authenticated publisher: a request that presented a known publisher token (the token is not kept). */
    static final class Publisher extends AbstractAuthenticationToken {

        Publisher() {
            super(AuthorityUtils.createAuthorityList("ROLE_PUBLISHER"));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return "publisher";
        }
    }
}
