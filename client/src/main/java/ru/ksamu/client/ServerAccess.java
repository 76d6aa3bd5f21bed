package ru.ksamu.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * How the launcher and the MIS program reach the clinic server: its address, the timeouts, and the
 * workstation's token when it has one. Every request to the server is built here, so each one has
 * the connect timeout, a deadline for the response headers, and the {@code Authorization} header.
 * Bodies are read with {@link ru.ksamu.client.http.BoundedBody} and {@link Timeouts#read()}.
 *
 * @param base     the server's address without a trailing slash, {@code http://host:8080}
 * @param timeouts the connect and read timeouts
 * @param token    the workstation's credential, if it has one
 */
public record ServerAccess(String base, Timeouts timeouts, Optional<WorkstationToken> token) {

    public ServerAccess {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("the server address is empty");
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (timeouts == null) {
            throw new IllegalArgumentException("timeouts are required");
        }
        token = token == null ? Optional.empty() : token;
    }

    /** The same server and timeouts with another token (or none). */
    public ServerAccess withToken(Optional<WorkstationToken> other) {
        return new ServerAccess(base, timeouts, other);
    }

    /** A client for this server: the connect timeout, HTTP/1.1, no redirects (a redirect is not the contract). */
    public HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(timeouts.connect()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * A request to {@code path} (with its query) on this server: the headers must come within
     * {@link Timeouts#headers()}; the token, if any, goes as {@code Authorization: Bearer}.
     */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeouts.headers());
        token.ifPresent(t -> b.header("Authorization", t.bearer()));
        return b;
    }

    @Override
    public String toString() {
        return "ServerAccess[" + base + ", " + timeouts + ", token " + (token.isPresent() ? "present" : "none") + "]";
    }

    /**
     * The client's network timeouts.
     *
     * @param connect how long opening a connection may take
     * @param read    how long the server may take to answer (the headers), and how long a body may
     *                bring fewer than {@value ru.ksamu.client.http.BoundedBody#MIN_BYTES_PER_PERIOD} bytes
     */
    public record Timeouts(Duration connect, Duration read) {

        /** The defaults as the options write them (picocli takes constant text). */
        public static final String DEFAULT_CONNECT_TEXT = "10s";
        public static final String DEFAULT_READ_TEXT = "30s";
        public static final Duration DEFAULT_CONNECT = DurationConverter.parse(DEFAULT_CONNECT_TEXT);
        public static final Duration DEFAULT_READ = DurationConverter.parse(DEFAULT_READ_TEXT);
        public static final Timeouts DEFAULT = new Timeouts(DEFAULT_CONNECT, DEFAULT_READ);
        /** How the launcher hands its timeouts to the MIS program (environment, so older programs ignore them). */
        public static final String ENV_CONNECT = "KSAMU_CONNECT_TIMEOUT";
        public static final String ENV_READ = "KSAMU_READ_TIMEOUT";

        public Timeouts {
            positive(connect, "--connect-timeout");
            positive(read, "--read-timeout");
        }

        private static void positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }

        /** The deadline for the response headers: connecting, then the server's answer. */
        public Duration headers() {
            return connect.plus(read);
        }
    }
}
