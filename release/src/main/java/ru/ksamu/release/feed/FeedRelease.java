package ru.ksamu.release.feed;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;

/**
 * One release in a channel feed: the exact bytes of its release.json and the vendor's signature
 * over them, so a server can check the vendor's signature without another request. Its version,
 * regions, notes and publication time are those of the manifest (the feed's JSON repeats them
 * for readers, and parsing refuses a feed where they differ). Withdrawn releases are simply
 * absent from feeds.
 */
public final class FeedRelease {

    private final ReleaseManifest manifest;
    private final byte[] manifestBytes;
    private final DetachedSignature manifestSignature;

    private FeedRelease(ReleaseManifest manifest, byte[] manifestBytes, DetachedSignature manifestSignature) {
        this.manifest = manifest;
        this.manifestBytes = manifestBytes;
        this.manifestSignature = manifestSignature;
    }

    /**
     * A feed entry for a release.
     *
     * @param manifestBytes     the exact bytes of its release.json (copied)
     * @param manifestSignature the vendor's signature over them (not checked here: see
     *                          {@link FeedVerifier})
     * @throws ru.ksamu.release.manifest.MalformedManifestException if the bytes are not a manifest
     */
    public static FeedRelease of(byte[] manifestBytes, DetachedSignature manifestSignature) {
        Objects.requireNonNull(manifestSignature, "manifestSignature");
        byte[] copy = manifestBytes.clone();
        return new FeedRelease(ReleaseManifest.parse(copy), copy, manifestSignature);
    }

    /** The release's version. */
    public Version version() {
        return manifest.version();
    }

    /** Region codes it is meant for; empty means all regions. */
    public List<String> regions() {
        return manifest.regions();
    }

    /** Release notes. */
    public String notes() {
        return manifest.notes();
    }

    /** When the vendor built it. */
    public Instant publishedAt() {
        return manifest.publishedAt();
    }

    /** The parsed manifest: the files to download and verify. */
    public ReleaseManifest manifest() {
        return manifest;
    }

    /** The exact bytes of release.json (a copy). */
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The vendor's signature over {@link #manifestBytes()}. */
    public DetachedSignature manifestSignature() {
        return manifestSignature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeedRelease that && Arrays.equals(manifestBytes, that.manifestBytes)
                && manifestSignature.equals(that.manifestSignature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(manifestBytes), manifestSignature);
    }

    @Override
    public String toString() {
        return "FeedRelease[" + version() + ", regions=" + regions() + ", key=" + manifestSignature.keyId() + "]";
    }

    /** The minimum installed version this release updates from, if any (from the manifest). */
    Optional<Version> minFromVersion() {
        return manifest.minFromVersion();
    }
}
