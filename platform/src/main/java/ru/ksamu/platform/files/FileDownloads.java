package ru.ksamu.platform.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.IOResources;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of a content-addressed download, {@code GET <prefix>{sha256}}: a plain,
 * unconditional GET or HEAD of a file the resolver knows is answered here, in a Jetty handler in
 * front of the whole servlet application (no servlet request, no filter chain, no Spring MVC).
 * Everything else — another method, a malformed or unknown hash, {@code Range},
 * {@code If-None-Match} or any other conditional header, HTTPS — goes on to the servlet
 * application, whose controller answers it in full (JSON refusals, 304, 206, 416).
 *
 * <p>Files up to {@link #DEFAULT_CACHED_FILE_LIMIT} are read once, their SHA-256 checked against
 * the name they are asked by, and kept in memory (at most {@link #DEFAULT_CACHE_CAPACITY} bytes in
 * all, least recently used leaving first): a download of such a file is one write of a shared
 * read-only buffer, no file opened. A file whose bytes do not match its hash is never cached nor
 * sent from here; the controller answers for it. Larger files are streamed from disk through
 * Jetty's pooled direct buffers. Nothing keeps a file open or mapped between downloads, so a
 * release folder can always be deleted.
 *
 * <p>It runs ahead of Spring Security; that is only right where reading the path is open to
 * everyone, and the headers the security chain would have added are passed in as fixed headers
 * ({@link #SPRING_SECURITY_HEADERS}). The answer carries {@code ETag: "<sha256>"},
 * {@code Accept-Ranges: bytes}, {@code Content-Type: application/octet-stream}, the length and the
 * fixed headers, to look like Spring MVC's answer for a {@code Resource} body.
 *
 * <p>Shared by the hub ({@code /api/v1/files/}) and the clinic server ({@code /api/v1/client/files/});
 * installed by {@link JettySetup}.
 */
public class FileDownloads extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(FileDownloads.class);

    /**
     * Which file a hash names, if it may be served now (asked on every download, also for a file
     * already in memory, so that a file withdrawn from service stops being sent). For a file in
     * memory it is asked on the thread that reads requests, so it must answer from memory, not block:
     * no need to look at the disk (a missing file goes on to the servlet application, whose
     * controller then answers and logs it).
     */
    @FunctionalInterface
    public interface Resolver {
        Optional<Path> servable(String sha256);
    }

    /** Told of every answer of the fast path: body bytes sent (0 for HEAD). */
    @FunctionalInterface
    public interface Listener {
        void sent(long bytes);
    }

    /** What Spring Security's default header writers add to an answer over plain HTTP. */
    public static final Map<String, String> SPRING_SECURITY_HEADERS = orderedOf(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "X-Frame-Options", "DENY");

    /** The largest file kept in memory. */
    public static final int DEFAULT_CACHED_FILE_LIMIT = 4 * 1024 * 1024;
    /** All cached files together, in bytes (off the Java heap: direct buffers). */
    public static final long DEFAULT_CACHE_CAPACITY = 64L * 1024 * 1024;
    /** Buffer size for streaming larger files from disk. */
    private static final int STREAM_BUFFER = 128 * 1024;

    /** Headers that make the answer depend on more than the hash: left to the servlet application. */
    private static final HttpHeader[] DEFERRED_HEADERS = {
            HttpHeader.RANGE, HttpHeader.IF_RANGE, HttpHeader.IF_NONE_MATCH, HttpHeader.IF_MATCH,
            HttpHeader.IF_MODIFIED_SINCE, HttpHeader.IF_UNMODIFIED_SINCE,
    };
    private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final HttpField OCTET_STREAM =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/octet-stream");

    private final String prefix;
    private final Resolver resolver;
    private final List<HttpField> headers;
    private final Listener listener;
    private final int cachedFileLimit;
    private final Cache<String, ByteBuffer> bodies;

    /**
     * @param prefix   the path before the hash, starting and ending with {@code /}
     * @param resolver the file of a servable hash
     * @param headers  fixed headers written on every answer here (e.g. {@code Cache-Control} and
     *                 {@link #SPRING_SECURITY_HEADERS}), in order
     * @param listener told of each answer (meters)
     */
    public FileDownloads(String prefix, Resolver resolver, Map<String, String> headers, Listener listener) {
        this(prefix, resolver, headers, listener, DEFAULT_CACHED_FILE_LIMIT, DEFAULT_CACHE_CAPACITY);
    }

    /** As above, with the cache's limits (tests). */
    public FileDownloads(String prefix, Resolver resolver, Map<String, String> headers, Listener listener,
                         int cachedFileLimit, long cacheCapacity) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("The prefix must start and end with /: " + prefix);
        }
        this.prefix = prefix;
        this.resolver = Objects.requireNonNull(resolver);
        List<HttpField> fields = new ArrayList<>();
        headers.forEach((name, value) -> fields.add(new PreEncodedHttpField(name, value)));
        this.headers = List.copyOf(fields);
        this.listener = Objects.requireNonNull(listener);
        this.cachedFileLimit = cachedFileLimit;
        this.bodies = Caffeine.newBuilder()
                .maximumWeight(cacheCapacity)
                .weigher((String sha256, ByteBuffer body) -> body.capacity())
                .build();
    }

    /**
     * Non-blocking: a download of a cached file is answered on the thread that read the request
     * (often Jetty's selector thread itself, with no hand-off to another thread, as nginx does);
     * everything that may block — reading a file, the whole servlet application — is handed to
     * Jetty's thread pool by {@link #handle}.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String sha256 = plainDownload(request);
        if (sha256 != null) {
            ByteBuffer body = bodies.getIfPresent(sha256);
            if (body != null && resolver.servable(sha256).isPresent()) {
                send(request, response, callback, sha256, body.capacity(), body, null);
                return true;
            }
        }
        request.getContext().execute(() -> handleBlocking(sha256, request, response, callback));
        return true;
    }

    /** On a pool thread: a download read from disk, or the servlet application. */
    private void handleBlocking(String sha256, Request request, Response response, Callback callback) {
        try {
            if (sha256 != null && sendFromDisk(sha256, request, response, callback)) {
                return;
            }
            Handler next = getHandler();
            if (next == null || !next.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    /** Answers a servable file that is not in memory yet; false when the application must answer. */
    private boolean sendFromDisk(String sha256, Request request, Response response, Callback callback)
            throws IOException {
        Optional<Path> file = resolver.servable(sha256);
        if (file.isEmpty()) {
            return false;
        }
        long length = regularFileSize(file.get());
        if (length < 0) {
            return false;
        }
        ByteBuffer body = null;
        if (length <= cachedFileLimit) {
            body = cached(sha256, file.get());
            if (body == null) {
                return false;
            }
            length = body.capacity();
        }
        send(request, response, callback, sha256, length, body, file.get());
        return true;
    }

    /** Writes the answer: the body from memory when given, else streamed from the file. */
    private void send(Request request, Response response, Callback callback, String sha256, long length,
                      ByteBuffer body, Path file) {
        HttpFields.Mutable fields = response.getHeaders();
        response.setStatus(200);
        fields.put(HttpHeader.ETAG, "\"" + sha256 + "\"");
        fields.put(ACCEPT_RANGES);
        for (HttpField header : headers) {
            fields.put(header);
        }
        fields.put(OCTET_STREAM);
        fields.put(HttpHeader.CONTENT_LENGTH, length);
        boolean head = "HEAD".equals(request.getMethod());
        // Counted before the write: the answer may reach the client before write() returns.
        listener.sent(head ? 0 : length);
        if (head || length == 0) {
            response.write(true, null, callback);
        } else if (body != null) {
            response.write(true, body.slice(), callback);
        } else {
            ByteBufferPool.Sized pool = new ByteBufferPool.Sized(
                    request.getComponents().getByteBufferPool(), true, STREAM_BUFFER);
            IOResources.copy(ResourceFactory.root().newResource(file), response, pool, 0, length, callback);
        }
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

    /**
     * The file's bytes from the cache, read (once, however many ask at the same time) when missing;
     * null when the file is gone or its bytes do not match the hash.
     */
    private ByteBuffer cached(String sha256, Path file) {
        try {
            return bodies.get(sha256, key -> read(key, file));
        } catch (UncheckedIOException e) {
            log.warn("Файл {} не прочитан, его отдаст основной обработчик / file {} not read, left to the controller: {}",
                    file, file, e.getCause().toString());
            return null;
        }
    }

    /** The file's bytes in a read-only direct buffer, or null when they do not hash to the name. */
    private ByteBuffer read(String sha256, Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > cachedFileLimit) {
                return null;
            }
            ByteBuffer body = ByteBuffer.allocateDirect((int) size);
            while (body.hasRemaining() && channel.read(body) >= 0) {
                // read on until full or the end of the file
            }
            body.flip();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body.duplicate());
            if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
                log.warn("Содержимое файла {} не совпадает с его хешем, из памяти не отдаётся / "
                        + "file {} does not match its hash, not served from memory", file, file);
                return null;
            }
            return body.asReadOnlyBuffer();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The hash of a plain download to answer here, or null when the request is for the servlet application. */
    private String plainDownload(Request request) {
        String method = request.getMethod();
        // Over HTTPS the security chain adds HSTS: left to it.
        if (!"GET".equals(method) && !"HEAD".equals(method) || request.isSecure()) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if (path == null || path.length() != prefix.length() + 64 || !path.startsWith(prefix)) {
            return null;
        }
        HttpFields fields = request.getHeaders();
        for (HttpHeader header : DEFERRED_HEADERS) {
            if (fields.contains(header)) {
                return null;
            }
        }
        String sha256 = path.substring(prefix.length());
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
