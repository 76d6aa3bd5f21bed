package ru.ksamu.hub.mirror;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.ksamu.hub.PinnedKeys;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.net.InvalidProxyException;
import ru.ksamu.release.net.ProxySetting;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * {@code ksamu.hub.upstream*}: the hub this one mirrors. Empty {@code upstream}: not a mirror.
 * A mirror verifies the upstream's feeds with {@code upstream-keys} and every release with the
 * vendor's {@code ksamu.hub.release-keys} (the same key a hub checks uploads with).
 *
 * @param upstream               the upstream hub's address, {@code http(s)://host[:port]}; empty: not a mirror
 * @param upstreamKeys           the upstream hub's feed key(s), each the text of a .pub file or its path
 * @param releaseKeys            the vendor's release key(s) ({@code ksamu.hub.release-keys})
 * @param upstreamInterval       time between the end of one sync and the start of the next
 * @param upstreamConnectTimeout longest wait for a connection to the upstream
 * @param upstreamReadTimeout    longest wait for an answer's headers, and for each 1 KiB of its body
 * @param upstreamProxy          the HTTP proxy every call to the upstream goes through: empty (direct), {@code system}
 *                               or {@code http://[user[:password]@]host:port} ({@link ProxySetting}; the password
 *                               is never shown)
 */
@ConfigurationProperties("ksamu.hub")
record UpstreamSettings(String upstream, List<String> upstreamKeys, List<String> releaseKeys, Duration upstreamInterval,
                        Duration upstreamConnectTimeout, Duration upstreamReadTimeout, String upstreamProxy) {

    static final String UPSTREAM = "ksamu.hub.upstream";
    static final String KEYS = "ksamu.hub.upstream-keys";
    static final String RELEASE_KEYS = "ksamu.hub.release-keys";
    static final String PROXY = "ksamu.hub.upstream-proxy";
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A sync older than this many intervals makes the mirror unhealthy. */
    static final int STALE_AFTER_INTERVALS = 3;

    UpstreamSettings {
        upstream = upstream == null ? "" : upstream.strip().replaceAll("/+$", "");
        upstreamKeys = PinnedKeys.entries(upstreamKeys);
        releaseKeys = PinnedKeys.entries(releaseKeys);
        upstreamInterval = upstreamInterval == null ? DEFAULT_INTERVAL : upstreamInterval;
        upstreamConnectTimeout = upstreamConnectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : upstreamConnectTimeout;
        upstreamReadTimeout = upstreamReadTimeout == null ? DEFAULT_READ_TIMEOUT : upstreamReadTimeout;
        upstreamProxy = upstreamProxy == null ? "" : upstreamProxy.strip();
        proxy(upstreamProxy);
        positive("upstream-interval", upstreamInterval);
        positive("upstream-connect-timeout", upstreamConnectTimeout);
        positive("upstream-read-timeout", upstreamReadTimeout);
        PinnedKeys.parse(KEYS, upstreamKeys);
        if (!upstream.isEmpty()) {
            checkUrl(upstream);
            if (upstreamKeys.isEmpty()) {
                throw new InvalidSettingException(KEYS, "", "зеркалу нужен закреплённый ключ лент вышестоящего хаба "
                        + upstream + " (его /api/v1/keys/hub, сверенный с владельцем)",
                        "a mirror needs the pinned feed key of its upstream hub " + upstream
                                + " (its /api/v1/keys/hub, checked with its owner)");
            }
            if (releaseKeys.isEmpty()) {
                throw new InvalidSettingException(RELEASE_KEYS, "", "зеркалу нужен ключ релизов поставщика: им"
                        + " проверяется каждый релиз с " + upstream, "a mirror needs the vendor's release key: every"
                        + " release from " + upstream + " is verified with it");
            }
        }
    }

    boolean enabled() {
        return !upstream.isEmpty();
    }

    /** The parsed proxy (checked at construction). */
    ProxySetting proxy() {
        return proxy(upstreamProxy);
    }

    private static ProxySetting proxy(String value) {
        try {
            return ProxySetting.parse(PROXY, value);
        } catch (InvalidProxyException e) {
            // its input is the value with the password masked
            throw new InvalidSettingException(PROXY, e.input(), e.reasonRu(), e.reasonEn());
        }
    }

    /** Without the proxy's password (the record's own would print it). */
    @Override
    public String toString() {
        return "UpstreamSettings[upstream=" + upstream + ", upstreamKeys=" + upstreamKeys.size() + ", releaseKeys="
                + releaseKeys.size() + ", upstreamInterval=" + upstreamInterval + ", upstreamConnectTimeout="
                + upstreamConnectTimeout + ", upstreamReadTimeout=" + upstreamReadTimeout + ", upstreamProxy="
                + ProxySetting.masked(upstreamProxy) + "]";
    }

    /** The upstream's feed keys. */
    TrustedKeys feedKeys() {
        return PinnedKeys.parse(KEYS, upstreamKeys).orElseThrow();
    }

    /** The vendor's release keys. */
    Optional<TrustedKeys> vendorKeys() {
        return PinnedKeys.parse(RELEASE_KEYS, releaseKeys);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidSettingException(UPSTREAM, url, "нужен адрес http(s)://хост[:порт] вышестоящего хаба",
                "expected the upstream hub's http(s)://host[:port] address");
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException("ksamu.hub." + key, value.toString(), "длительность должна быть положительной",
                    "the duration must be positive");
        }
    }
}
