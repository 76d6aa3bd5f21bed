package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Viewing is open, as in the article, except the tabs the admin closed ({@link ViewPolicy}); every
 * change needs the admin password. The REST API takes
 * it as HTTP Basic (stateless, so CSRF does not apply); the console signs in with a form, keeps a
 * session (timeout {@code server.servlet.session.timeout}) and protects its forms with CSRF tokens.
 * Repeated wrong passwords from one address are throttled for both.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String ADMIN = "ADMIN";

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
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle, ViewPolicy views) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").access(viewing(views))
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(throttleFilter(throttle), BasicAuthenticationFilter.class)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle, ViewPolicy views) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").access(viewing(views))
                        .anyRequest().hasRole(ADMIN))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
                .logout(l -> l.logoutSuccessUrl("/"))
                .addFilterBefore(throttleFilter(throttle), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** Reading is open unless the admin closed that tab to anonymous viewers ({@link ViewPolicy}). */
    private static AuthorizationManager<RequestAuthorizationContext> viewing(ViewPolicy views) {
        return (authentication, context) -> {
            HttpServletRequest req = context.getRequest();
            if (!views.requiresLogin(req.getRequestURI().substring(req.getContextPath().length()))) {
                return new AuthorizationDecision(true);
            }
            return new AuthorizationDecision(signedIn(authentication.get()) || signedInConsole(req));
        };
    }

    private static boolean signedIn(Authentication a) {
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }

    /**
     * The read API is stateless (Basic), but the console's own pages read it too (the live log's
     * event stream): a console session signed in as admin may read, never write, through it.
     */
    private static boolean signedInConsole(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        return session != null
                && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext c
                && signedIn(c.getAuthentication());
    }

    /** Refuses sign-in attempts from an address that has failed too often. */
    private static OncePerRequestFilter throttleFilter(LoginThrottle throttle) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                boolean attempt = req.getHeader("Authorization") != null
                        || ("POST".equals(req.getMethod()) && "/login".equals(req.getServletPath()));
                if (attempt && throttle.locked(req.getRemoteAddr())) {
                    refuse(req, res);
                    return;
                }
                chain.doFilter(req, res);
            }
        };
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getServletPath().startsWith("/api/")) {
            res.setStatus(429);
            res.setContentType("application/json;charset=UTF-8");
            res.getWriter().write("{\"code\":\"THROTTLED\",\"message\":\"Слишком много неудачных попыток входа, "
                    + "повторите через несколько минут / too many failed sign-ins, try again in a few minutes\"}");
        } else {
            res.sendRedirect(req.getContextPath() + "/login?locked");
        }
    }

    @Bean
    ApplicationListener<AbstractAuthenticationFailureEvent> countFailures(LoginThrottle throttle) {
        return e -> address(e.getAuthentication().getDetails()).ifPresent(throttle::failed);
    }

    @Bean
    ApplicationListener<AuthenticationSuccessEvent> clearFailures(LoginThrottle throttle) {
        return e -> address(e.getAuthentication().getDetails()).ifPresent(throttle::succeeded);
    }

    private static java.util.Optional<String> address(Object details) {
        return details instanceof WebAuthenticationDetails d ? java.util.Optional.ofNullable(d.getRemoteAddress())
                : java.util.Optional.empty();
    }
}
