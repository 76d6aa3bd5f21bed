package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.download.BoundedBody;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.net.ProxiedConnection;
import ru.ksamu.release.net.ProxySetting;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the upstream hub, as a clinic server speaks it: its signed channel feeds and its files,
 * through {@code ksamu.hub.upstream-proxy} when set ({@link ProxiedConnection}: the proxy's
 * credentials attached as the clinic server attaches them). Every call has a connect timeout, a
 * read timeout for the answer's headers and each read of its body, a pace of at least
 * {@value BoundedBody#MIN_BYTES_PER_PERIOD} bytes per read timeout ({@link PacedInput}, so a drip
 * cannot hold a sync), and a size bound: a feed envelope at most what
 * {@link ru.ksamu.release.feed.SignedFeed#parse} accepts, a file at most its listed size plus one
 * byte ({@link FileFetch}). Redirects are not followed: the upstream is one address, pinned by its key.
 *
 * <p>The JDK's {@code HttpURLConnection} rather than its {@code HttpClient}: its body is read from
 * the socket straight into the caller's array, which the file fetch fills a megabyte at a time;
 * the {@code HttpClient} hands a body over in 16 KiB buffers through a reactive pipeline, and on
 * loopback ran at about half the speed of curl.
 */
final class UpstreamClient {

    /** The largest envelope {@code SignedFeed.parse} accepts: the feed's limit as Base64 plus the signature. */
    static final long MAX_ENVELOPE = ChannelFeed.MAX_BYTES / 3L * 4 + 1024;

    /** Largest release list read (about 300 bytes a release). */
    static final long MAX_LIST = 16L << 20;

    private final String base;
    private final ProxySetting proxy;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    UpstreamClient(String base, ProxySetting proxy, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.proxy = proxy;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    String base() {
        return base;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** The bytes of a channel's signed feed envelope (the whole feed: no region filter). */
    byte[] feed(Channel channel) throws IOException, InterruptedException {
        try (Answer answer = get("/api/v1/feeds/" + channel.wireName(), Map.of())) {
            answer.expect(200);
            return answer.bytes(MAX_ENVELOPE);
        }
    }

    /**
     * The versions the upstream's release list marks withdrawn. The list is not signed: it is only
     * asked about releases that already left a signed feed, so it can confirm a withdrawal, never
     * take a release out of a feed that still lists it.
     */
    Set<Version> withdrawn() throws IOException, InterruptedException {
        byte[] json;
        try (Answer answer = get("/api/v1/releases", Map.of("Accept", "application/json"))) {
            answer.expect(200);
            json = answer.bytes(MAX_LIST);
        }
        Set<Version> withdrawn = new HashSet<>();
        try {
            for (JsonNode release : JsonMapper.shared().readTree(json)) {
                if (release.path("withdrawn").asBoolean(false)) {
                    withdrawn.add(Version.parse(release.path("version").asString()));
                }
            }
        } catch (JacksonException | ReleaseException e) {
            throw new IOException("unreadable release list from " + base + "/api/v1/releases: " + e.getMessage(), e);
        }
        return withdrawn;
    }

    /** One file by its SHA-256 with these headers ({@code Range} when resuming): its status and body. */
    Answer file(String sha256, Map<String, String> headers) throws IOException, InterruptedException {
        return get("/api/v1/files/" + sha256, headers);
    }

    private Answer get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        URL url = URI.create(base + path).toURL();
        ProxiedConnection opened = ProxiedConnection.open(proxy, url);
        HttpURLConnection c = opened.connection();
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())));
        c.setReadTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, readTimeout.toMillis())));
        headers.forEach(c::setRequestProperty);
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            c.disconnect();
            throw proxyFailure(opened.via(), e);
        }
        if (ProxiedConnection.loginRefused(opened.via(), status, c.getContentType())) {
            c.disconnect();
            throw ProxyFailure.refusedLogin(proxy, opened.via(), status);
        }
        return new Answer(url, c, status);
    }

    /** A failure to reach the upstream through the proxy, in words naming the proxy; else the failure as it is. */
    private IOException proxyFailure(String via, IOException e) {
        if (via == null) {
            return e;
        }
        String m = e.getMessage();
        if (m != null && m.startsWith("Unable to tunnel") && m.contains(" 407")) {
            return ProxyFailure.refusedLogin(proxy, via, 407);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return new ProxyFailure("прокси " + via + " недоступен (" + UpstreamSettings.PROXY + "): " + e,
                    "the proxy " + via + " is unreachable (" + UpstreamSettings.PROXY + "): " + e, e);
        }
        return e;
    }

    /** The proxy, not the upstream, failed the call: its Russian message names the proxy and the setting, never the password. */
    static final class ProxyFailure extends IOException {
        private final String english;

        ProxyFailure(String russian, String english, Throwable cause) {
            super(russian, cause);
            this.english = english;
        }

        static ProxyFailure refusedLogin(ProxySetting proxy, String via, int status) {
            String how = status == 407 ? "407 Proxy Authentication Required" : "HTTP " + status;
            return new ProxyFailure("прокси " + via + " отклонил вход (" + (status == 407 ? how : how + " со страницей прокси")
                    + "): " + (proxy.hasCredentials() ? "проверьте пользователя и пароль в " + UpstreamSettings.PROXY
                    : "прокси требует пароль, укажите http://пользователь:пароль@хост:порт в " + UpstreamSettings.PROXY)
                    + (status == 407 && proxy.hasCredentials() && ProxiedConnection.tunnelingBasicDisabled()
                    ? " (для https-хаба через прокси с паролем Java нужен параметр -D"
                    + ProxiedConnection.TUNNELING_DISABLED_SCHEMES + "=)" : ""),
                    "the proxy " + via + " refused the login (" + how + "): " + (proxy.hasCredentials()
                            ? "check the user and password in " + UpstreamSettings.PROXY
                            : "the proxy wants a password: set http://user:password@host:port in " + UpstreamSettings.PROXY),
                    null);
        }

        String english() {
            return english;
        }
    }

    /** An answer of the upstream: its status, and its body read at the agreed pace and bound. Close it. */
    static final class Answer implements AutoCloseable {
        private final URL url;
        private final HttpURLConnection connection;
        private final int status;
        private InputStream body;
        private boolean complete;

        private Answer(URL url, HttpURLConnection connection, int status) {
            this.url = url;
            this.connection = connection;
            this.status = status;
        }

        int status() {
            return status;
        }

        void expect(int wanted) throws IOException {
            if (status != wanted) {
                throw new IOException("HTTP " + status + " for " + url);
            }
        }

        /**
         * The body (of a 2xx answer), each read bounded by the read timeout, and at least
         * {@value BoundedBody#MIN_BYTES_PER_PERIOD} bytes per read timeout.
         */
        InputStream body(Duration readTimeout) throws IOException {
            if (body == null) {
                body = new PacedInput(connection.getInputStream(), readTimeout);
            }
            return body;
        }

        /** The whole body, at most {@code max} bytes: a longer one is refused at its {@code max + 1}-th byte. */
        byte[] bytes(long max) throws IOException {
            byte[] read = body(Duration.ofMillis(connection.getReadTimeout())).readNBytes(Math.toIntExact(max + 1));
            if (read.length > max) {
                throw new IOException("the answer for " + url + " is longer than " + max + " bytes");
            }
            complete = true;
            return read;
        }

        /** The body was read to its end: the connection may serve the next call. */
        void completed() {
            complete = true;
        }

        /** Closes the body; an answer not read to its end also drops its connection (never reused half-read). */
        @Override
        public void close() {
            try {
                if (body != null) {
                    body.close();
                }
            } catch (IOException ignored) {
                // the connection goes below
            }
            if (!complete) {
                connection.disconnect();
            }
        }
    }
}
