package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import ru.ksamu.platform.InvalidSettingException;

/**
 * Who may call what. Viewing is open, as in the article, except the tabs the admin closed
 * ({@link ViewPolicy}); every change needs the admin password, and while it is still the default
 * one nothing but a new password is accepted ({@link PasswordChangeFilter}). The REST API takes the
 * admin as HTTP Basic (stateless, so CSRF does not apply); the console signs in with a form, keeps
 * a session (timeout {@code server.servlet.session.timeout}, cookie HttpOnly and SameSite=Lax) and
 * protects its forms with CSRF tokens and its pages with a Content-Security-Policy. The clinic
 * program's API ({@code /api/v1/mis/**}) needs a registered workstation's token
 * ({@link WorkstationTokenFilter}). Every sign-in attempt, by form, Basic or enrollment code, goes
 * through one {@link LoginThrottle}. Health shows details only to the admin; Prometheus answers
 * the loopback address, or others with {@code ksamu.metrics.token}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String ADMIN = "ADMIN";
    static final String WORKSTATION = "WORKSTATION";
    static final String METRICS_TOKEN_KEY = "ksamu.metrics.token";

    /** The console's pages may load only their own scripts, styles and images: no inline script or style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService adminUser(AdminAccount account) {
        return username -> {
            if (!AdminAccount.USER.equals(username)) {
                throw new UsernameNotFoundException(username);
            }
            return User.withUsername(AdminAccount.USER).password(account.passwordHash()).roles(ADMIN).build();
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle, ViewPolicy views, AdminAccount account,
                            Workstations workstations,
                            @Value("${" + METRICS_TOKEN_KEY + ":}") String metricsToken) throws Exception {
        checkMetricsToken(metricsToken);
        ApiRefusals refusals = new ApiRefusals();
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, WorkstationTokenFilter.REGISTER).permitAll()
                        .requestMatchers(WorkstationTokenFilter.MIS).hasAnyRole(WORKSTATION, ADMIN)
                        .requestMatchers(WorkstationTokenFilter.WHO_AM_I).hasRole(WORKSTATION)
                        .requestMatchers("/api/v1/clients/enrollment-code").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus").access(metrics(metricsToken))
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").access(viewing(views))
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(b -> b.authenticationEntryPoint(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterBefore(ThrottleFilter.basic(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new WorkstationTokenFilter(workstations), BasicAuthenticationFilter.class)
                .addFilterBefore(new PasswordChangeFilter(account), AuthorizationFilter.class)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle, ViewPolicy views, AdminAccount account)
            throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").access(viewing(views))
                        .anyRequest().hasRole(ADMIN))
                .requestCache(c -> c.requestCache(signInReturn()))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
                .logout(l -> l.logoutSuccessUrl("/"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)))
                .addFilterBefore(ThrottleFilter.form(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new PasswordChangeFilter(account), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Where the sign-in returns: the page asked for (a GET for HTML, not htmx's polling), or, for
     * "Выполнить задание немедленно" pressed before signing in, that press: the saved request
     * (which passed the CSRF check when it was made) is carried out once signed in, so the task
     * runs and the admin lands on Задачи with its "Задание … запущено".
     */
    static HttpSessionRequestCache signInReturn() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (HttpMethod.POST.matches(request.getMethod())) {
                return RUN_NOW.matcher(path).matches();
            }
            String accept = request.getHeader("Accept");
            return HttpMethod.GET.matches(request.getMethod()) && request.getHeader("HX-Request") == null
                    && accept != null && accept.contains("text/html") && !path.startsWith("/error");
        });
        return cache;
    }

    private static final Pattern RUN_NOW = Pattern.compile("/tasks/\\d{1,18}/run");

    /** Reading is open unless the admin closed that tab to anonymous viewers ({@link ViewPolicy}). */
    private static AuthorizationManager<RequestAuthorizationContext> viewing(ViewPolicy views) {
        return (authentication, context) -> {
            HttpServletRequest req = context.getRequest();
            if (!views.requiresLogin(req)) {
                return new AuthorizationDecision(true);
            }
            return new AuthorizationDecision(isAdmin(authentication.get()) || signedInConsole(req));
        };
    }

    /** Prometheus: from this machine, or with the metrics token (compared in constant time). */
    private static AuthorizationManager<RequestAuthorizationContext> metrics(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return (authentication, context) -> {
            HttpServletRequest req = context.getRequest();
            if (isLoopback(req.getRemoteAddr()) || isAdmin(authentication.get())) {
                return new AuthorizationDecision(true);
            }
            String given = req.getHeader("Authorization");
            return new AuthorizationDecision(!token.isEmpty() && given != null
                    && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /** Whether a remote address (an IP literal, as the web server gives it) is this machine's loopback. */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        // Only IP literals are parsed: a name is never looked up.
        if (a.isEmpty() || !a.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkMetricsToken(String token) {
        if (!token.isEmpty() && (token.length() < 32 || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new InvalidSettingException(METRICS_TOKEN_KEY, "***", "нужно не меньше 32 печатных символов без пробелов",
                    "at least 32 printable characters without spaces");
        }
    }

    static boolean isAdmin(Authentication a) {
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)
                && a.getAuthorities().stream().anyMatch(g -> ("ROLE_" + ADMIN).equals(g.getAuthority()));
    }

    /**
     * The read API is stateless (Basic), but the console's own pages read it too (the live log's
     * event stream): a console session signed in as admin may read, never write, through it.
     */
    static boolean signedInConsole(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        return session != null
                && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext c
                && isAdmin(c.getAuthentication());
    }

    /** A correct password clears the throttle's counts of its address and user name. */
    @Bean
    ApplicationListener<AuthenticationSuccessEvent> clearFailures(LoginThrottle throttle) {
        return e -> address(e.getAuthentication().getDetails())
                .ifPresent(a -> throttle.succeeded(a, e.getAuthentication().getName()));
    }

    private static Optional<String> address(Object details) {
        return details instanceof WebAuthenticationDetails d ? Optional.ofNullable(d.getRemoteAddress()) : Optional.empty();
    }
}
