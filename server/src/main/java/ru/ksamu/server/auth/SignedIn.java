package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whether a request comes from the signed-in admin: by HTTP Basic, or from a console session. */
public final class SignedIn {

    private SignedIn() {
    }

    public static boolean admin(HttpServletRequest request) {
        return SecurityConfig.isAdmin(SecurityContextHolder.getContext().getAuthentication())
                || SecurityConfig.signedInConsole(request);
    }
}
