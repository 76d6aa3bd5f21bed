package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.OutputStream;

import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;

/**
 * Where {@link Bundles#verifyStream} puts a bundle's files as they arrive. Nothing the sink
 * receives is trusted until {@code verifyStream} returns an ordered, verified bundle: a later
 * entry may still refuse the whole bundle, and the caller then throws away what the sink wrote.
 */
public interface BundleSink {

    /**
     * Called once, when release.json's signature by a pinned key and the limits have passed and
     * before any file is read: throw to refuse the release (a downgrade, another region) without
     * reading further.
     */
    default void manifestVerified(ReleaseManifest manifest) {
    }

    /**
     * Where one file's bytes go; closed by the caller after the file's last byte or on a failure.
     * The bytes written have passed the size check so far; the SHA-256 is known only at the
     * file's end. Return {@link OutputStream#nullOutputStream()} to only verify a file.
     */
    OutputStream open(ManifestEntry entry) throws IOException;
}
