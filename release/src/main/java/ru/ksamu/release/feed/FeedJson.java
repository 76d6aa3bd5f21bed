package ru.ksamu.release.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import ru.ksamu.release.Channel;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import ru.ksamu.release.internal.StrictJson;
import ru.ksamu.release.manifest.SizeLimitException;
import ru.ksamu.release.signing.DetachedSignature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON form of {@link ChannelFeed}; field order here is the canonical order. */
final class FeedJson {

    static final String DOCUMENT = "feed";

    private static final String[] FIELDS = {"format", "channel", "issuedAt", "expiresAt", "releases"};
    private static final String[] RELEASE_FIELDS =
            {"version", "regions", "notes", "publishedAt", "manifest", "manifestSignature"};

    private FeedJson() {
    }

    static byte[] write(ChannelFeed feed) {
        ObjectNode root = StrictJson.object();
        root.put("format", ChannelFeed.FORMAT);
        root.put("channel", feed.channel().wireName());
        root.put("issuedAt", feed.issuedAt().toString());
        root.put("expiresAt", feed.expiresAt().toString());
        ArrayNode releases = root.putArray("releases");
        for (FeedRelease release : feed.releases()) {
            ObjectNode item = releases.addObject();
            item.put("version", release.version().toString());
            ArrayNode regions = item.putArray("regions");
            release.regions().forEach(regions::add);
            item.put("notes", release.notes());
            item.put("publishedAt", release.publishedAt().toString());
            item.put("manifest", Base64.getEncoder().encodeToString(release.manifestBytes()));
            item.put("manifestSignature", release.manifestSignature().toText());
        }
        return StrictJson.write(root);
    }

    static ChannelFeed read(byte[] json) {
        if (json.length > ChannelFeed.MAX_BYTES) {
            throw SizeLimitException.document(DOCUMENT, json.length, ChannelFeed.MAX_BYTES);
        }
        StrictJson.Reader root = StrictJson.read(json, DOCUMENT, MalformedFeedException::new).expectFields(FIELDS);
        long format = root.integer("format");
        if (format != ChannelFeed.FORMAT) {
            throw root.fail("формат " + format + " не поддерживается (нужен " + ChannelFeed.FORMAT + "); обновите программу",
                    "format " + format + " is not supported (expected " + ChannelFeed.FORMAT + "); update this program");
        }
        Channel channel = channel(root);
        Instant issuedAt = root.instant("issuedAt");
        Instant expiresAt = root.instant("expiresAt");
        List<FeedRelease> releases = new ArrayList<>();
        for (StrictJson.Reader item : root.objects("releases")) {
            releases.add(release(item.expectFields(RELEASE_FIELDS)));
        }
        return new ChannelFeed(channel, issuedAt, expiresAt, releases);
    }

    private static FeedRelease release(StrictJson.Reader item) {
        Version version = version(item);
        byte[] manifest = base64(item, "manifest");
        DetachedSignature signature = DetachedSignature.parse(item.string("manifestSignature"), "manifestSignature");
        FeedRelease release = FeedRelease.of(manifest, signature);
        requireSame(item, "version", version, release.version());
        requireSame(item, "regions", item.strings("regions"), release.regions());
        requireSame(item, "notes", item.string("notes"), release.notes());
        requireSame(item, "publishedAt", item.instant("publishedAt"), release.publishedAt());
        return release;
    }

    private static Channel channel(StrictJson.Reader root) {
        try {
            return Channel.parse(root.string("channel"));
        } catch (InvalidArgumentException e) {
            throw root.badField("channel", e.russian(), e.english());
        }
    }

    private static Version version(StrictJson.Reader item) {
        try {
            return Version.parse(item.string("version"));
        } catch (InvalidVersionException e) {
            throw item.badField("version", e.russian(), e.english());
        }
    }

    private static void requireSame(StrictJson.Reader item, String field, Object inFeed, Object inManifest) {
        if (!Objects.equals(inFeed, inManifest)) {
            throw item.fail("поле \"" + field + "\" (" + inFeed + ") не совпадает с манифестом (" + inManifest + ")",
                    "field \"" + field + "\" (" + inFeed + ") differs from the manifest (" + inManifest + ")");
        }
    }

    private static byte[] base64(StrictJson.Reader item, String field) {
        try {
            return Base64.getDecoder().decode(item.string(field));
        } catch (IllegalArgumentException e) {
            throw item.fail("поле \"" + field + "\" не является Base64", "field \"" + field + "\" is not Base64");
        }
    }
}
