package ru.ksamu.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import ru.ksamu.release.net.ProxySetting;

/**
 * How the launcher and the MIS program reach the clinic server: its address, the timeouts, and the
 * workstation's token when it has one. Every request to the server is built here, so each one has
 * the connect timeout, a deadline for the response headers, and the {@code Authorization} header.
 * Bodies are read with {@link ru.ksamu.client.http.BoundedBody} and {@link Timeouts#read()}.
 *
 * @param base     the server's address without a trailing slash, {@code http://host:8080}
 * @param timeouts the connect and read timeouts
 * @param token    the workstation's credential, if it has one
 * @param proxy    the HTTP proxy every call goes through ({@code --proxy}, {@value #ENV_PROXY}), or direct
 */
public record ServerAccess(String base, Timeouts timeouts, Optional<WorkstationToken> token, ProxySetting proxy) {

    /** How the proxy setting reaches the launcher and the MIS program without the command line (which others can read). */
    public static final String ENV_PROXY = "KSAMU_PROXY";
    /** The launcher's option (and its environment variable) in messages. */
    public static final String PROXY_OPTION = "--proxy";
    /** The JDK's switch for Basic authentication to a proxy's HTTPS tunnel (its default refuses Basic). */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** Direct, without a proxy. */
    public ServerAccess(String base, Timeouts timeouts, Optional<WorkstationToken> token) {
        this(base, timeouts, token, ProxySetting.DIRECT);
    }

    public ServerAccess {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("the server address is empty");
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (timeouts == null) {
            throw new IllegalArgumentException("timeouts are required");
        }
        token = token == null ? Optional.empty() : token;
        proxy = proxy == null ? ProxySetting.DIRECT : proxy;
    }

    /** The same server and timeouts with another token (or none). */
    public ServerAccess withToken(Optional<WorkstationToken> other) {
        return new ServerAccess(base, timeouts, other, proxy);
    }

    /**
     * A client for this server: the connect timeout, HTTP/1.1, no redirects (a redirect is not the
     * contract), and the proxy. For an HTTPS server the proxy's credentials come from an
     * authenticator that gives them to that proxy only (for the tunnel); a plain-HTTP server's
     * requests carry them as a header instead ({@link #request}), so that the server's own 401
     * answers reach the caller as they are, and tinyproxy's 401 for a wrong password too.
     */
    public HttpClient newClient() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).proxy(proxy.selector());
        if (https()) {
            proxy.authenticator().ifPresent(b::authenticator);
        }
        return b.build();
    }

    private boolean https() {
        return base.regionMatches(true, 0, "https:", 0, 6);
    }

    /**
     * Lets the proxy's credentials reach an HTTPS server's tunnel ({@code CONNECT}): the JDK refuses
     * Basic there unless {@value #TUNNELING_DISABLED_SCHEMES} says otherwise. Called once at the start
     * of the launcher and the program, before any connection, and only for a proxy with credentials
     * (which the authenticator gives to that proxy alone); a value the user set stays.
     */
    public static void allowBasicForProxyTunnels(ProxySetting proxy) {
        if (proxy.hasCredentials() && System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        }
    }

    /**
     * A request to {@code path} (with its query) on this server: the headers must come within
     * {@link Timeouts#headers()}; the token, if any, goes as {@code Authorization: Bearer}, and
     * through a proxy with credentials to a plain-HTTP server, {@code Proxy-Authorization}.
     */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeouts.headers());
        token.ifPresent(t -> b.header("Authorization", t.bearer()));
        if (!https() && proxy.kind() == ProxySetting.Kind.HTTP) {
            proxy.basicAuthorization().ifPresent(v -> b.header("Proxy-Authorization", v));
        }
        return b;
    }

    @Override
    public String toString() {
        return "ServerAccess[" + base + ", " + timeouts + ", token " + (token.isPresent() ? "present" : "none")
                + (proxy.direct() ? "" : ", proxy " + proxy.display()) + "]";
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
