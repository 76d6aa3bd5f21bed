package ru.ksamu.hub;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ru.ksamu.release.Version;
import ru.ksamu.release.signing.SigningKeyPair;

/** What every hub test shares: the vendor's key, a publisher token, fresh versions, the settings. */
public final class TestHub {

    /** The vendor release key the test hubs pin. */
    public static final SigningKeyPair VENDOR = SigningKeyPair.generate();
    /** A key the test hubs do not pin. */
    public static final SigningKeyPair STRANGER = SigningKeyPair.generate();
    public static final String TOKEN = "test-publisher-token-0123456789abcdef-XYZ";
    /** The test hubs' {@code ksamu.metrics.token}: opens Prometheus to callers that are not on loopback. */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdef-XYZ";
    public static final String BOT_TOKEN = "123456:test-bot-token";
    public static final String CHAT = "@ksamu_releases_test";
    /** Largest upload in tests: small, so the limit is cheap to hit. */
    public static final long MAX_UPLOAD = 8L << 20;

    private static final AtomicInteger SERIES = new AtomicInteger(100);

    private TestHub() {
    }

    /** A version no other test uses, with its own scripts version {@code 7.N.0}. */
    public static Version freshVersion() {
        return new Version(7, SERIES.incrementAndGet(), 0, 1);
    }

    /** The next build of the same scripts version: a minor update of {@code v}. */
    public static Version nextBuild(Version v) {
        return new Version(v.a(), v.b(), v.c(), v.build() + 1);
    }

    /** Settings of a test hub: its folder, the pinned key, the token, a fake Telegram with short delays. */
    public static Map<String, Object> settings(Path dataDir, String telegramUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ksamu.data-dir", dataDir.toString());
        p.put("ksamu.hub.publish-tokens", TOKEN);
        p.put("ksamu.metrics.token", METRICS_TOKEN);
        p.put("ksamu.hub.release-keys", VENDOR.trustedKey().toText());
        p.put("ksamu.hub.max-upload-size", MAX_UPLOAD + "B");
        p.put("ksamu.hub.feed.max-releases", "1000");
        p.put("ksamu.hub.telegram.base-url", telegramUrl);
        p.put("ksamu.hub.telegram.bot-token", BOT_TOKEN);
        p.put("ksamu.hub.telegram.chat-id", CHAT);
        p.put("ksamu.hub.telegram.retry-base-delay", "200ms");
        p.put("ksamu.hub.telegram.retry-max-delay", "2s");
        p.put("ksamu.hub.telegram.poll-interval", "100ms");
        return p;
    }
}
