package ru.ksamu.release.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.Regions;

/**
 * What the releasing engineer says about a release when building its bundle; the files come
 * from the source folder.
 *
 * @param version        the release's version
 * @param notes          release notes (Russian text)
 * @param regions        region codes it is meant for; empty means all regions
 * @param publishedAt    the publication time written into the manifest
 * @param minFromVersion the oldest installed version it can update from, if bounded
 */
public record ReleaseInfo(Version version, String notes, List<String> regions, Instant publishedAt,
                          Optional<Version> minFromVersion) {

    /** Checks presence and the region codes. */
    public ReleaseInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(minFromVersion, "minFromVersion");
        regions = Regions.normalize(Objects.requireNonNull(regions, "regions"));
    }

    /** A release with no lower bound on the installed version. */
    public static ReleaseInfo of(Version version, String notes, List<String> regions, Instant publishedAt) {
        return new ReleaseInfo(version, notes, regions, publishedAt, Optional.empty());
    }
}
