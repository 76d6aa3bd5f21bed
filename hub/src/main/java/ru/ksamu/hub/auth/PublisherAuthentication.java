package ru.ksamu.hub.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <publisher token>}: a known token makes the request the
 * publisher's; an unknown one is refused (401) where a token is needed (changes, the installations
 * list) and ignored elsewhere, so a read carrying a stale token still reads, and a health check
 * carrying one gets the status without details. No header: anonymous; the authorization rules decide.
 */
final class PublisherAuthentication extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final PublisherTokens tokens;
    private final RequestMatcher needsPublisher;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    PublisherAuthentication(PublisherTokens tokens, RequestMatcher needsPublisher) {
        this.tokens = tokens;
        this.needsPublisher = needsPublisher;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (tokens.isValid(header.substring(BEARER.length()).strip())) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new HubSecurityConfig.Publisher());
                contexts.setContext(context);
            } else if (needsPublisher.matches(request)) {
                HubSecurityConfig.unauthorized(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
