package ru.ksamu.release.manifest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.Version;

/**
 * The manifest {@code release.json} of one release. The vendor's release key signs its
 * {@link #toCanonicalJson() canonical bytes}; the layout is described in docs/release-format.md.
 *
 * @param version        the release's version
 * @param notes          release notes for admins (Russian text, may be empty)
 * @param regions        region codes it is meant for, sorted; empty means all regions
 * @param publishedAt    when the vendor built it
 * @param minFromVersion the oldest installed version it can update from, if it has such a bound
 * @param files          every file, sorted by path, no two of them the same file on a client
 */
public record ReleaseManifest(Version version, String notes, List<String> regions, Instant publishedAt,
                              Optional<Version> minFromVersion, List<ManifestEntry> files) {

    /** The name of the manifest file in a bundle. */
    public static final String FILE_NAME = "release.json";
    /** The version of the manifest's JSON layout, written as its {@code format} field. */
    public static final int FORMAT = 1;

    /**
     * Checks and normalizes: region codes valid and sorted, the lower bound older than the
     * version, files sorted by path and distinct (see {@link SafePath#checkDistinct}).
     */
    public ReleaseManifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(minFromVersion, "minFromVersion");
        regions = Regions.normalize(Objects.requireNonNull(regions, "regions"));
        if (minFromVersion.isPresent() && !version.isNewerThan(minFromVersion.get())) {
            throw new InvalidArgumentException(minFromVersion.get().toString(),
                    "Минимальная версия для обновления " + minFromVersion.get() + " должна быть старше " + version,
                    "the minimum version to update from, " + minFromVersion.get() + ", must be older than " + version);
        }
        files = files.stream().sorted(Comparator.comparing(ManifestEntry::path)).toList();
        SafePath.checkDistinct(files.stream().map(ManifestEntry::path).toList());
    }

    /** The sum of all file sizes, in bytes. */
    public long totalSize() {
        return files.stream().mapToLong(ManifestEntry::size).sum();
    }

    /**
     * Whether this release is meant for a server: true if it is for all regions, or the
     * server's region is one of its regions. A server without a region takes only releases for
     * all regions.
     */
    public boolean isForRegion(Optional<String> region) {
        return regions.isEmpty() || region.map(regions::contains).orElse(false);
    }

    /** The canonical UTF-8 JSON: fixed field order, no whitespace; these bytes are what is signed. */
    public byte[] toCanonicalJson() {
        return ManifestJson.write(this);
    }

    /**
     * Reads release.json strictly: unknown or missing fields, a wrong {@code format}, wrong types
     * and invalid values are refused with a message naming the field.
     *
     * @throws MalformedManifestException for a broken document
     * @throws UnsafePathException        for an unsafe file path
     * @throws DuplicatePathException     for two paths that are one file on a client
     * @throws SizeLimitException         for a document over {@link Limits#MAX_DOCUMENT_BYTES}
     */
    public static ReleaseManifest parse(byte[] json) {
        return ManifestJson.read(json);
    }
}
