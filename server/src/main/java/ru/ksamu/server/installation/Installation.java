package ru.ksamu.server.installation;

import java.time.Instant;
import java.util.Optional;
import ru.ksamu.release.Version;

/**
 * This server's identity and installed release. The id is derived from the installation's key
 * ({@link InstallationKey}), made with the row on the first start, and
 * seeds the per-installation offset of cloud-facing tasks.
 */
public record Installation(String id, Instant createdAt, Optional<Version> installedVersion) {
}
