package ru.ksamu.hub.files;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import ru.ksamu.release.Sha256;

/**
 * The fast path of {@code GET /api/v1/files/{sha256}}: a plain, unconditional GET or HEAD of a
 * servable file is answered here, ahead of Spring Security and Spring MVC, and its bytes go out
 * through Tomcat's sendfile (the kernel copies the file to the socket; no Java buffer, no request
 * thread held while it is sent). Everything else — another method, a malformed or unknown hash,
 * {@code Range}, {@code If-None-Match} or any other conditional header, HTTPS — goes on down the chain
 * to {@link FilesController}, which answers exactly as before (JSON refusals, 304, 206, 416).
 *
 * <p>Reading the hub is open to everyone (see {@code HubSecurityConfig}), so skipping the security
 * chain here grants nothing; the headers that chain adds to every answer are written here too
 * ({@link #SECURITY_HEADERS}; a test compares them with the chain's own).
 */
class FileDownloadFilter extends HttpFilter {

    static final String PREFIX = "/api/v1/files/";

    /** What Spring Security's default header writers add to an answer over plain HTTP. */
    static final String[][] SECURITY_HEADERS = {
            {"X-Content-Type-Options", "nosniff"},
            {"X-XSS-Protection", "0"},
            {"X-Frame-Options", "DENY"},
    };

    /** Tomcat's request attributes for sendfile ({@code org.apache.catalina.Globals}). */
    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private static final String CACHE_CONTROL = FilesController.IMMUTABLE.getHeaderValue();

    /** Headers that make the answer depend on more than the hash: left to Spring MVC. */
    private static final String[] DEFERRED_HEADERS = {
            "Range", "If-Range", "If-None-Match", "If-Match", "If-Modified-Since", "If-Unmodified-Since",
    };

    private final transient BlobStore blobs;
    private final transient Counter sent;
    private final transient Counter sentBytes;

    FileDownloadFilter(BlobStore blobs, MeterRegistry meters) {
        this.blobs = blobs;
        this.sent = Counter.builder("ksamu.hub.files.sent")
                .description("Whole release files answered by the fast path (GET and HEAD)").register(meters);
        this.sentBytes = Counter.builder("ksamu.hub.files.sent.bytes").baseUnit("bytes")
                .description("Bytes of release files sent by the fast path").register(meters);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sha256 = plainDownload(request);
        Optional<Path> file = sha256 == null ? Optional.empty() : blobs.servable(sha256);
        if (file.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long bytes = send(request, response, sha256, file.get());
        sent.increment();
        sentBytes.increment(bytes);
    }

    /** The hash of a plain download to answer here, or null when the request is for Spring MVC. */
    private static String plainDownload(HttpServletRequest request) {
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
        int start = request.getContextPath().length() + PREFIX.length();
        if (uri.length() != start + 64 || !uri.startsWith(PREFIX, request.getContextPath().length())) {
            return null;
        }
        String sha256 = uri.substring(start);
        return Sha256.isHex(sha256) ? sha256 : null;
    }

    /** Writes the headers and hands the body to sendfile (or copies it); returns the body's length. */
    private static long send(HttpServletRequest request, HttpServletResponse response, String sha256, Path file)
            throws IOException {
        long length = Files.readAttributes(file, BasicFileAttributes.class).size();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("ETag", "\"" + sha256 + "\"");
        response.setHeader("Accept-Ranges", "bytes");
        for (String[] header : SECURITY_HEADERS) {
            response.setHeader(header[0], header[1]);
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
}
