package ru.ksamu.platform.files;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fast path of a content-addressed download, {@code GET <prefix>{sha256}}: a plain,
 * unconditional GET or HEAD of a file the resolver knows is answered here, and its bytes go out
 * through Tomcat's sendfile (the kernel copies the file to the socket; no Java buffer, no request
 * thread held while it is sent). Everything else — another method, a malformed or unknown hash,
 * {@code Range}, {@code If-None-Match} or any other conditional header, HTTPS — goes on down the
 * chain, to a controller that answers it in full (JSON refusals, 304, 206, 416).
 *
 * <p>Registered first of all filters for {@code <prefix>*} only, it runs ahead of Spring Security
 * and Boot's observation filter; that is only right where reading the path is open to everyone,
 * and the headers the security chain would have added are passed in as fixed headers
 * ({@link #SPRING_SECURITY_HEADERS}). The answer carries {@code ETag: "<sha256>"},
 * {@code Accept-Ranges: bytes}, {@code Content-Type: application/octet-stream}, the length and the
 * fixed headers, to look like Spring MVC's answer for a {@code Resource} body.
 *
 * <p>Shared by the hub ({@code /api/v1/files/}) and the clinic server ({@code /api/v1/client/files/}).
 */
public class SendfileDownloads extends HttpFilter {

    /**
     * Which file a hash names, if it may be served now; called on every download, so keep it cheap:
     * no need to look at the disk, the filter reads the file's attributes once anyway and passes a
     * missing file on down the chain (whose controller then answers and logs it).
     */
    @FunctionalInterface
    public interface Resolver {
        Optional<Path> servable(String sha256);
    }

    /** Told of every answer of the fast path: body bytes handed to sendfile or copied (0 for HEAD). */
    @FunctionalInterface
    public interface Listener {
        void sent(long bytes);
    }

    /** What Spring Security's default header writers add to an answer over plain HTTP. */
    public static final Map<String, String> SPRING_SECURITY_HEADERS = orderedOf(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "X-Frame-Options", "DENY");

    /** Tomcat's request attributes for sendfile ({@code org.apache.catalina.Globals}). */
    public static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    public static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    public static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    public static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    /** Headers that make the answer depend on more than the hash: left to the rest of the chain. */
    private static final String[] DEFERRED_HEADERS = {
            "Range", "If-Range", "If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since",
    };

    private final String prefix;
    private final transient Resolver resolver;
    private final Map<String, String> headers;
    private final transient Listener listener;

    /**
     * @param prefix   the path before the hash, starting and ending with {@code /}
     * @param resolver the file of a servable hash
     * @param headers  fixed headers written on every answer here (e.g. {@code Cache-Control} and
     *                 {@link #SPRING_SECURITY_HEADERS}), in order
     * @param listener told of each answer (meters)
     */
    public SendfileDownloads(String prefix, Resolver resolver, Map<String, String> headers, Listener listener) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("The prefix must start and end with /: " + prefix);
        }
        this.prefix = prefix;
        this.resolver = Objects.requireNonNull(resolver);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.listener = Objects.requireNonNull(listener);
    }

    /** The URL pattern to register this filter for: {@code <prefix>*}. */
    public String urlPattern() {
        return prefix + "*";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sha256 = plainDownload(request);
        Optional<Path> file = sha256 == null ? Optional.empty() : resolver.servable(sha256);
        long length = file.isEmpty() ? -1 : regularFileSize(file.get());
        if (length < 0) {
            chain.doFilter(request, response);
            return;
        }
        listener.sent(send(request, response, sha256, file.get(), length));
    }

    /** The size of a regular file, or -1 when it is missing or not a regular file (one stat call). */
    private static long regularFileSize(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    /** The hash of a plain download to answer here, or null when the request is for the rest of the chain. */
    private String plainDownload(HttpServletRequest request) {
        String method = request.getMethod();
        // Over HTTPS the security chain adds HSTS, and Tomcat has no sendfile there anyway.
        if (!"GET".equals(method) && !"HEAD".equals(method) || request.isSecure()) {
            return null;
        }
        for (String header : DEFERRED_HEADERS) {
            if (request.getHeader(header) != null) {
                return null;
            }
        }
        String uri = request.getRequestURI();
        int context = request.getContextPath().length();
        int start = context + prefix.length();
        if (uri.length() != start + 64 || !uri.startsWith(prefix, context)) {
            return null;
        }
        String sha256 = uri.substring(start);
        return isLowerHex(sha256) ? sha256 : null;
    }

    private static boolean isLowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Writes the headers and hands the body to sendfile (or copies it); returns the body's length. */
    private long send(HttpServletRequest request, HttpServletResponse response, String sha256, Path file,
                      long length) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("ETag", "\"" + sha256 + "\"");
        response.setHeader("Accept-Ranges", "bytes");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return 0;
        }
        if (Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            request.setAttribute(SENDFILE_FILENAME, file.toString());
            request.setAttribute(SENDFILE_START, 0L);
            request.setAttribute(SENDFILE_END, length);
        } else {
            Files.copy(file, response.getOutputStream());
        }
        return length;
    }

    /** A fixed map that keeps the order of its pairs. */
    public static Map<String, String> orderedOf(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Name and value pairs expected");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
