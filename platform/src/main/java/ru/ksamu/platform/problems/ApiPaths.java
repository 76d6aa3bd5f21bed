package ru.ksamu.platform.problems;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are the API's, answered with problems: paths under {@code /api/}, in hub and
 * server alike. Everything else (the console's pages, their forms) keeps HTML errors.
 */
public final class ApiPaths {

    public static final String PREFIX = "/api/";

    private ApiPaths() {
    }

    /** Whether the request (on an error dispatch: the original request) is an API call. */
    public static boolean isApi(HttpServletRequest request) {
        String uri = Problem.instance(request);
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.startsWith(PREFIX);
    }
}
