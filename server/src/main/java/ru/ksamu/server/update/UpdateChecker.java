package ru.ksamu.server.update;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.FeedVerifier;
import ru.ksamu.release.feed.ReleasePicker;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.time.Times;

/**
 * Asks the cloud what is new in a channel: fetches the hub's signed feed, verifies it against the
 * pinned keys (expiry, replay of an older feed, the vendor's signature on every release), and
 * picks the release this server would install (newer than installed, for its region unless
 * regions are ignored, never a downgrade). The outcome of each check is kept per channel.
 * Installing the picked release is the update engine's next step (issues U and M).
 */
@Component
public class UpdateChecker {

    private final UpdateSettings settings;
    private final CloudSettings cloud;
    private final PinnedKeys keys;
    private final InstallationStore installation;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final HubHttp http;
    private final FeedMetrics metrics;

    /**
     * The largest feed envelope read: the documented largest feed ({@link ChannelFeed#MAX_BYTES},
     * docs/release-format.md) as Base64 plus the signature, exactly what {@link SignedFeed#parse} accepts.
     */
    static final long MAX_ENVELOPE_BYTES = ChannelFeed.MAX_BYTES / 3L * 4 + 1024;

    UpdateChecker(UpdateSettings settings, CloudSettings cloud, PinnedKeys keys, InstallationStore installation,
                  JdbcClient jdbc, Clock clock, HubHttp http, FeedMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.cloud = cloud;
        this.keys = keys;
        this.installation = installation;
        this.jdbc = jdbc;
        this.clock = clock;
        this.http = http;
    }

    /** Checks one channel and records the outcome; never throws for a cloud-side problem. */
    public ChannelState check(Channel channel, boolean ignoreRegions) {
        return checkAndPick(channel, ignoreRegions).state();
    }

    /**
     * Checks one channel, records the outcome, and gives the verified release to install, if any.
     * Synchronized; the fetch has an overall deadline ({@code ksamu.update.request-timeout}), so no
     * hub can hold a waiting caller longer than that.
     */
    public synchronized Checked checkAndPick(Channel channel, boolean ignoreRegions) {
        Instant now = clock.instant();
        Optional<FeedRelease> picked = Optional.empty();
        ensureRow(channel);
        try {
            ChannelFeed feed = fetchAndVerify(channel, ignoreRegions);
            Optional<Version> installed = installation.get().installedVersion();
            Optional<String> region = cloud.region().isEmpty() ? Optional.empty() : Optional.of(cloud.region());
            Optional<FeedRelease> newest = feed.releases().stream()
                    .filter(r -> ignoreRegions || r.regions().isEmpty() || region.map(r.regions()::contains).orElse(false))
                    .max(Comparator.comparing(FeedRelease::version));
            Optional<FeedRelease> target = ReleasePicker.pick(feed, installed, region, ignoreRegions);
            picked = target;
            String message = target.map(t -> "Доступна версия " + t.version())
                    .orElse(newest.isPresent() ? "Установлена актуальная версия" : "В канале нет релизов для этого сервера");
            jdbc.sql("UPDATE update_channel SET last_issued_at = ?, checked_at = ?, ok = TRUE, message = ?,"
                            + " newest_version = ?, newest_notes = ?, target_version = ? WHERE channel = ?")
                    .params(Times.utc(feed.issuedAt()), Times.utc(now), message,
                            newest.map(r -> r.version().toString()).orElse(null), newest.map(FeedRelease::notes).orElse(null),
                            target.map(r -> r.version().toString()).orElse(null), channel.wireName())
                    .update();
            metrics.accepted(channel, feed.issuedAt());
        } catch (ReleaseException e) {
            failed(channel, now, "Облако отвечает, но ответ отклонён: " + e.russian());
        } catch (HubCallFailedException e) {
            failed(channel, now, e.getMessage() + " (" + cloud.hubUrl() + ")");
        } catch (IOException e) {
            failed(channel, now, "Облако недоступно (" + cloud.hubUrl() + "): " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return new Checked(state(channel), picked);
    }

    /** The channel's feed; for this server's region only, unless regions are ignored (then the whole channel). */
    private ChannelFeed fetchAndVerify(Channel channel, boolean ignoreRegions) throws IOException {
        if (keys.hub().isEmpty() || keys.release().isEmpty()) {
            throw new IOException("не заданы доверенные ключи (ksamu.update.hub-keys, ksamu.update.release-keys)");
        }
        String url = cloud.hubUrl() + "/api/v1/channels/" + channel.wireName() + "/latest"
                + (cloud.region().isEmpty() || ignoreRegions ? "" : "?region=" + cloud.region());
        HubHttp.Answer r = http.call(HttpMethod.GET, url, "ленту обновлений", Map.of(), null, MAX_ENVELOPE_BYTES,
                settings.requestTimeout(), (status, headers, in) -> status == 200
                        ? new HubHttp.Answer(status, in.readAllBytes()) : new HubHttp.Answer(status, new byte[0]));
        if (r.status() != 200) {
            throw new IOException("HTTP " + r.status() + " на " + url);
        }
        FeedVerifier verifier = new FeedVerifier(keys.hub().get(), keys.release().get(), clock);
        return verifier.verify(SignedFeed.parse(r.body()), channel, lastAccepted(channel));
    }

    private Optional<Instant> lastAccepted(Channel channel) {
        return jdbc.sql("SELECT last_issued_at FROM update_channel WHERE channel = ?").param(channel.wireName())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .optional().flatMap(o -> o);
    }

    private void failed(Channel channel, Instant now, String message) {
        metrics.failed(channel);
        jdbc.sql("UPDATE update_channel SET checked_at = ?, ok = FALSE, message = ? WHERE channel = ?")
                .params(Times.utc(now), message.length() > 4000 ? message.substring(0, 4000) : message, channel.wireName())
                .update();
    }

    private void ensureRow(Channel channel) {
        if (jdbc.sql("SELECT COUNT(*) FROM update_channel WHERE channel = ?").param(channel.wireName())
                .query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO update_channel (channel) VALUES (?)").param(channel.wireName()).update();
        }
    }

    /** The last known state of a channel (all empty before the first check). */
    public ChannelState state(Channel channel) {
        return overtaken(stored(channel));
    }

    /**
     * A check's "Доступна версия X" outlives it: once X (or a later version) is installed, say
     * so instead, until the next check records the channel afresh.
     */
    private ChannelState overtaken(ChannelState s) {
        Optional<Version> installed = installation.get().installedVersion();
        if (s.targetVersion() == null || installed.isEmpty()
                || Version.parse(s.targetVersion()).compareTo(installed.get()) > 0) {
            return s;
        }
        return new ChannelState(s.channel(), s.title(), s.checkedAt(), s.ok(),
                "Установлена актуальная версия " + installed.get(), s.newestVersion(), s.newestNotes(), null);
    }

    private ChannelState stored(Channel channel) {
        return jdbc.sql("SELECT checked_at, ok, message, newest_version, newest_notes, target_version"
                        + " FROM update_channel WHERE channel = ?").param(channel.wireName())
                .query((rs, n) -> new ChannelState(channel.wireName(), channel.russianName(),
                        Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                        (Boolean) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional()
                .orElse(new ChannelState(channel.wireName(), channel.russianName(), null, null, null, null, null, null));
    }

    /** A check's outcome and, when the feed offered one, the verified release to install. */
    public record Checked(ChannelState state, Optional<FeedRelease> target) {
    }

    /** One channel as the console and the API show it. */
    public record ChannelState(String channel, String title, Instant checkedAt, Boolean ok, String message,
                               String newestVersion, String newestNotes, String targetVersion) {
    }
}
