package ru.ksamu.hub.releases;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the release API. */
final class ReleaseView {

    private ReleaseView() {
    }

    /** One release in {@code GET /api/v1/releases}. */
    record Summary(String version, List<String> channels, String notes, List<String> regions, Instant publishedAt,
                   Instant uploadedAt, boolean withdrawn, Instant withdrawnAt, String minFromVersion, long totalSize,
                   int fileCount) {
    }

    /** {@code GET /api/v1/releases/{version}}: the summary's fields and the manifest's files. */
    record Detail(String version, List<String> channels, String notes, List<String> regions, Instant publishedAt,
                  Instant uploadedAt, boolean withdrawn, Instant withdrawnAt, String minFromVersion, long totalSize,
                  int fileCount, String signedBy, List<File> files) {

        static Detail of(Summary s, String signedBy, List<File> files) {
            return new Detail(s.version(), s.channels(), s.notes(), s.regions(), s.publishedAt(), s.uploadedAt(),
                    s.withdrawn(), s.withdrawnAt(), s.minFromVersion(), s.totalSize(), s.fileCount(), signedBy, files);
        }
    }

    /** One file of a release; fetch it at {@code /api/v1/files/{sha256}}. */
    record File(String path, String role, long size, String sha256) {
    }

    /** The answer to publish and promote. */
    record InChannel(String version, String channel) {
    }

    /** The answer to withdraw. */
    record Withdrawn(String version) {
    }
}
