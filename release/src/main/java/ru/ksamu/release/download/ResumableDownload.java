package ru.ksamu.release.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;

/**
 * A release file brought into a part file by one HTTP {@code GET}, resumed and verified:
 * <ul>
 *   <li>a part already there is resumed from its length with {@code Range: bytes=<n>-} and
 *       {@code If-Range: "<sha256>"} (files are named by their hash, so the hash is their ETag);
 *       a part longer than the file is discarded first;</li>
 *   <li>206 appends; 200 (a server that ignores {@code Range}) starts the part again from zero;
 *       416 asks for nothing more and leaves the verdict to the check; any other status is an
 *       {@link UnexpectedStatusException};</li>
 *   <li>at most the file's listed size is written: a byte beyond it ends the download and deletes
 *       the part, refused as {@link HashMismatchException} when the bytes before it are not the
 *       file's, else as {@link SizeMismatchException#longer}; the transport is asked to read at
 *       most one byte more than the file (its own read timeout and cap: {@link BoundedBody}, or
 *       the server's hub client);</li>
 *   <li>after every chunk the {@link Listener} hears the bytes written, and may stop the download
 *       (throw) or hold it (a rate limit) there;</li>
 *   <li>{@link #verify} then checks size and SHA-256: a part that does not match is deleted and
 *       {@link SizeMismatchException} or {@link HashMismatchException} thrown.</li>
 * </ul>
 * A failure of the transport (a stall, a cut connection) leaves what came in the part for the next
 * attempt to resume.
 */
public final class ResumableDownload {

    private static final int CHUNK = 64 * 1024;

    private ResumableDownload() {
    }

    /**
     * The file wanted, as its signed manifest lists it.
     *
     * @param path   its path in the release, for messages
     * @param size   its size in bytes
     * @param sha256 its SHA-256, lowercase hex
     */
    public record Wanted(String path, long size, String sha256) {
        public Wanted {
            Objects.requireNonNull(path, "path");
            if (size < 0) {
                throw new IllegalArgumentException("size of " + path + " must not be negative, got " + size);
            }
            if (!Sha256.isHex(sha256)) {
                throw new IllegalArgumentException("SHA-256 of " + path + " must be 64 lowercase hex digits, got " + sha256);
            }
        }
    }

    /** Sends one {@code GET} of the file with these headers and hands its answer to the receiver. */
    @FunctionalInterface
    public interface Transport {
        /**
         * @param headers  {@code Range} and {@code If-Range} when resuming, else none
         * @param maxBytes the most of the body the transport may read; more is its failure
         * @param receiver reads the answer; what it returns is returned
         */
        long get(Map<String, String> headers, long maxBytes, Receiver receiver) throws IOException, InterruptedException;
    }

    /** Reads one answer: its status and its body. */
    @FunctionalInterface
    public interface Receiver {
        long receive(int status, InputStream body) throws IOException, InterruptedException;
    }

    /** Hears how a download goes; every method but {@link #written} does nothing by default. */
    public interface Listener {
        /** Before asking: the part holds {@code have} bytes, so the download resumes there. */
        default void resuming(long have) {
        }

        /** The server sent the whole file instead of the rest: the part's {@code discarded} bytes are written again. */
        default void restarting(long discarded) {
        }

        /** The answer is taken: the part's first {@code from} bytes are kept, the rest come now. */
        default void started(long from) throws InterruptedException {
        }

        /** {@code bytes} more are in the part: the place to stop the download (throw) or hold it (a rate limit). */
        void written(long bytes) throws IOException, InterruptedException;
    }

    /** A status the download cannot use (not 200, 206 or 416). */
    public static final class UnexpectedStatusException extends IOException {
        private final int status;

        UnexpectedStatusException(int status, String path) {
            super("HTTP " + status + ": файл " + path + " не получен / file " + path + " not received");
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }

    /**
     * Brings the file into {@code part} ({@link #transfer}) and checks it ({@link #verify}).
     *
     * @throws SizeMismatchException  when the file is longer or shorter than listed (the part is deleted)
     * @throws HashMismatchException  when its bytes differ (the part is deleted)
     * @throws IOException            when the transfer failed; the part keeps what came, to be resumed
     */
    public static void fetch(Wanted file, Path part, Transport transport, Listener listener)
            throws IOException, InterruptedException {
        transfer(file, part, transport, listener);
        verify(file, part);
    }

    /**
     * Brings the file into {@code part}, resuming what is there; does not check the hash.
     *
     * @return the bytes now in the part (the listed size unless the answer ended early or was a 416)
     * @throws SizeMismatchException when the answer has more bytes than the file (the part is deleted)
     * @throws HashMismatchException when it has more bytes and those before are not the file's (the part is deleted)
     */
    public static long transfer(Wanted file, Path part, Transport transport, Listener listener)
            throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (have > file.size()) {
            Files.delete(part);
            have = 0;
        }
        if (have == file.size()) {
            listener.started(have);
            return have;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (have > 0) {
            listener.resuming(have);
            headers.put("Range", "bytes=" + have + "-");
            headers.put("If-Range", "\"" + file.sha256() + "\"");
        }
        long resumeAt = have;
        // One byte more than the file may have: a longer answer is seen, and refused, at that byte.
        return transport.get(headers, file.size() + 1, (status, body) -> receive(file, part, resumeAt, status, body, listener));
    }

    private static long receive(Wanted file, Path part, long have, int status, InputStream body, Listener listener)
            throws IOException, InterruptedException {
        long from;
        if (status == 206 && have > 0) {
            from = have;
        } else if (status == 200) {
            if (have > 0) {
                listener.restarting(have);
            }
            from = 0;
        } else if (status == 416) {
            return have; // the server has nothing past the part's end: the check decides
        } else {
            throw new UnexpectedStatusException(status, file.path());
        }
        listener.started(from);
        long written = from;
        long seen = 0; // bytes of the answer past the file's size: more than the file has
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = body.read(buffer, 0, (int) Math.min(buffer.length, file.size() + 1 - written))) > 0) {
                int keep = (int) Math.min(n, file.size() - written);
                if (keep > 0) {
                    out.write(buffer, 0, keep);
                    written += keep;
                    listener.written(keep);
                }
                if (n > keep) {
                    seen = written + n - keep;
                    break;
                }
            }
        }
        if (seen > 0) {
            refuseLonger(file, part, seen);
        }
        return written;
    }

    /**
     * The answer went on past the file's size. Its first bytes, kept in the part, decide what is
     * said: other bytes than the file's are a {@link HashMismatchException} (the file was replaced),
     * the right bytes followed by more a {@link SizeMismatchException#longer}. The part goes either way.
     */
    private static void refuseLonger(Wanted file, Path part, long seen) throws IOException {
        String actual = Sha256.of(part);
        Files.deleteIfExists(part);
        if (!actual.equals(file.sha256())) {
            throw new HashMismatchException(file.path(), actual, file.sha256());
        }
        throw SizeMismatchException.longer(file.path(), file.size(), seen);
    }

    /**
     * Checks a part against the file's listed size and SHA-256; a part that does not match is deleted.
     *
     * @throws SizeMismatchException when its size differs
     * @throws HashMismatchException when its bytes differ
     */
    public static void verify(Wanted file, Path part) throws IOException {
        long size = Files.size(part);
        if (size != file.size()) {
            Files.deleteIfExists(part);
            throw size < file.size() ? SizeMismatchException.shorter(file.path(), file.size(), size)
                    : SizeMismatchException.longer(file.path(), file.size(), size);
        }
        String actual = Sha256.of(part);
        if (!actual.equals(file.sha256())) {
            Files.deleteIfExists(part);
            throw new HashMismatchException(file.path(), actual, file.sha256());
        }
    }

    /**
     * A transport over the JDK's {@link HttpClient}: each body is read through {@link BoundedBody}
     * (at most {@code maxBytes}, at least {@value BoundedBody#MIN_BYTES_PER_PERIOD} bytes per
     * {@code readTimeout}). The body of a status other than 200 and 206 is not read.
     *
     * @param request a new request builder for the file each time (URL, timeout, credentials)
     */
    public static Transport over(HttpClient client, Supplier<HttpRequest.Builder> request, Duration readTimeout) {
        HttpResponse.BodyHandler<BoundedBody> handler = BoundedBody.handler(readTimeout);
        return (headers, maxBytes, receiver) -> {
            HttpRequest.Builder builder = request.get().GET();
            headers.forEach(builder::header);
            HttpResponse<BoundedBody> response = client.send(builder.build(), handler);
            try (BoundedBody body = response.body()) {
                int status = response.statusCode();
                if (status != 200 && status != 206) {
                    return receiver.receive(status, InputStream.nullInputStream());
                }
                try (InputStream in = body.stream(maxBytes)) {
                    return receiver.receive(status, in);
                }
            }
        };
    }
}
