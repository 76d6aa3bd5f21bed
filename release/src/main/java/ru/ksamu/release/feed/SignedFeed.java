package ru.ksamu.release.feed;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import ru.ksamu.release.internal.StrictJson;
import ru.ksamu.release.manifest.SizeLimitException;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.SigningKey;
import tools.jackson.databind.node.ObjectNode;

/**
 * A channel feed as sent over the wire: the exact canonical feed bytes and the hub's signature
 * over them. Its JSON envelope is {@code {"feed":"<Base64 of the feed bytes>","signature":"<key
 * id> <Base64>"}}; the feed travels as Base64 so that its signed bytes survive any JSON handling.
 */
public final class SignedFeed {

    private static final String DOCUMENT = "signed feed";

    private final byte[] feedBytes;
    private final DetachedSignature signature;

    /**
     * @param feedBytes the canonical feed bytes (copied)
     * @param signature the hub's signature over them
     */
    public SignedFeed(byte[] feedBytes, DetachedSignature signature) {
        this.feedBytes = feedBytes.clone();
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /** Signs a feed's canonical bytes with the hub's key. */
    public static SignedFeed sign(ChannelFeed feed, SigningKey hubKey) {
        byte[] bytes = feed.toCanonicalJson();
        return new SignedFeed(bytes, hubKey.sign(bytes));
    }

    /** The envelope JSON, compact UTF-8. */
    public byte[] toJson() {
        ObjectNode root = StrictJson.object();
        root.put("feed", Base64.getEncoder().encodeToString(feedBytes));
        root.put("signature", signature.toText());
        return StrictJson.write(root);
    }

    /**
     * Reads an envelope (nothing is verified here: see {@link FeedVerifier}).
     *
     * @throws MalformedFeedException naming the field
     */
    public static SignedFeed parse(byte[] json) {
        long limit = ChannelFeed.MAX_BYTES / 3L * 4 + 1024;
        if (json.length > limit) {
            throw SizeLimitException.document(DOCUMENT, json.length, limit);
        }
        StrictJson.Reader root = StrictJson.read(json, DOCUMENT, MalformedFeedException::new)
                .expectFields("feed", "signature");
        byte[] feed = decode(root.string("feed"));
        if (feed == null) {
            throw root.fail("поле \"feed\" не является Base64", "field \"feed\" is not Base64");
        }
        return new SignedFeed(feed, DetachedSignature.parse(root.string("signature"), "signature"));
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The exact signed feed bytes (a copy). */
    public byte[] feedBytes() {
        return feedBytes.clone();
    }

    /** The hub's signature. */
    public DetachedSignature signature() {
        return signature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedFeed that && Arrays.equals(feedBytes, that.feedBytes)
                && signature.equals(that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(feedBytes), signature);
    }
}
