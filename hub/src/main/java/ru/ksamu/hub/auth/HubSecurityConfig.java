package ru.ksamu.hub.auth;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Reading the hub is open (feeds are signed, files are addressed by their hash); every change
 * (POST, PUT, DELETE, ...) needs {@code Authorization: Bearer <publisher token>}. Stateless: no
 * session, no CSRF token. A refusal is a 401 with the JSON error body the release CLI reads. The one
 * change open to servers is their statistics report, which its endpoint checks by the installation's key.
 */
@Configuration(proxyBeanMethods = false)
class HubSecurityConfig {

    static final String UNAUTHORIZED_BODY = "{\"code\":\"HUB_UNAUTHORIZED\",\"message\":"
            + "\"Нужен действующий токен публикации (Authorization: Bearer …) / a valid publisher token is required"
            + " (Authorization: Bearer …)\"}";
    private static final String BEARER = "Bearer ";

    @Bean
    AuthenticationProvider publisherTokenProvider(PublisherTokens tokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                if (!tokens.isValid((String) authentication.getCredentials())) {
                    throw new BadCredentialsException("unknown publisher token");
                }
                return new BearerToken(null, true);
            }

            @Override
            public boolean supports(Class<?> type) {
                return BearerToken.class.isAssignableFrom(type);
            }
        };
    }

    @Bean
    SecurityFilterChain hub(HttpSecurity http, AuthenticationProvider publisherTokenProvider) throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(List.of(publisherTokenProvider)),
                HubSecurityConfig::bearerToken);
        // Tokens matter only for changes; a GET carrying a stale token still reads.
        bearer.setRequestMatcher(request -> !isRead(request) && !isStats(request));
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler((request, response, e) -> unauthorized(response));
        http.addFilterAt(bearer, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        // Servers' statistics: the installation's own key, checked by the endpoint.
                        .requestMatchers(HttpMethod.POST, "/api/v1/installations/*/stats").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> unauthorized(response)))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Caching is the controllers' business: files are immutable, feeds revalidate.
                .headers(h -> h.cacheControl(c -> c.disable()));
        return http.build();
    }

    private static boolean isStats(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && path.matches("/api/v1/installations/[^/]+/stats");
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** The token of an {@code Authorization: Bearer} header; null (anonymous) without one. */
    private static Authentication bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return new BearerToken(header.substring(BEARER.length()).strip(), false);
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(UNAUTHORIZED_BODY);
    }

    /** A presented token before the check, or the authenticated publisher after it (token erased). */
    static final class BearerToken extends AbstractAuthenticationToken {

        private final String token;

        BearerToken(String token, boolean authenticated) {
            super(authenticated ? AuthorityUtils.createAuthorityList("ROLE_PUBLISHER") : AuthorityUtils.NO_AUTHORITIES);
            this.token = token;
            setAuthenticated(authenticated);
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "publisher";
        }
    }
}
