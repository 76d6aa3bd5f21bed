package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.download.BoundedBody;
import ru.ksamu.release.download.ResumableDownload;
import ru.ksamu.release.feed.ChannelFeed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the upstream hub, as a clinic server speaks it: its signed channel feeds and its files.
 * Every call has a connect timeout, a timeout for the answer's headers and an idle-read timeout on
 * its body ({@link BoundedBody}), and a size bound: a feed envelope at most what
 * {@link ru.ksamu.release.feed.SignedFeed#parse} accepts, a file at most its listed size plus one byte.
 * Redirects are not followed: the upstream is one address, pinned by its key.
 */
final class UpstreamClient {

    /** The largest envelope {@code SignedFeed.parse} accepts: the feed's limit as Base64 plus the signature. */
    static final long MAX_ENVELOPE = ChannelFeed.MAX_BYTES / 3L * 4 + 1024;

    /** Largest release list read (about 300 bytes a release). */
    static final long MAX_LIST = 16L << 20;

    private final String base;
    private final Duration readTimeout;
    private final HttpClient http;

    UpstreamClient(String base, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String base() {
        return base;
    }

    /** The bytes of a channel's signed feed envelope (the whole feed: no region filter). */
    byte[] feed(Channel channel) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/api/v1/feeds/" + channel.wireName());
        HttpResponse<BoundedBody> response = http.send(HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build(),
                BoundedBody.handler(readTimeout));
        try (BoundedBody body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            return body.bytes(MAX_ENVELOPE);
        }
    }

    /**
     * The versions the upstream's release list marks withdrawn. The list is not signed: it is only
     * asked about releases that already left a signed feed, so it can confirm a withdrawal, never
     * take a release out of a feed that still lists it.
     */
    Set<Version> withdrawn() throws IOException, InterruptedException {
        URI uri = URI.create(base + "/api/v1/releases");
        HttpResponse<BoundedBody> response = http.send(HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Accept", "application/json").GET().build(), BoundedBody.handler(readTimeout));
        byte[] json;
        try (BoundedBody body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            json = body.bytes(MAX_LIST);
        }
        Set<Version> withdrawn = new HashSet<>();
        try {
            for (JsonNode release : JsonMapper.shared().readTree(json)) {
                if (release.path("withdrawn").asBoolean(false)) {
                    withdrawn.add(Version.parse(release.path("version").asString()));
                }
            }
        } catch (JacksonException | ReleaseException e) {
            throw new IOException("unreadable release list from " + uri + ": " + e.getMessage(), e);
        }
        return withdrawn;
    }

    /** One file by its SHA-256, for {@link ResumableDownload}. */
    ResumableDownload.Transport file(String sha256) {
        URI uri = URI.create(base + "/api/v1/files/" + sha256);
        return ResumableDownload.over(http, () -> HttpRequest.newBuilder(uri).timeout(readTimeout), readTimeout);
    }
}
