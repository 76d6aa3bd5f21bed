package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
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
 * Viewing is open, as in the article; every change needs the admin password. The REST API takes
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
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(throttleFilter(throttle), BasicAuthenticationFilter.class)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers("/login").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
                .logout(l -> l.logoutSuccessUrl("/"))
                .addFilterBefore(throttleFilter(throttle), BasicAuthenticationFilter.class);
        return http.build();
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
