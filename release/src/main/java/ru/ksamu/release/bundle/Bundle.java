package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.VerifyingInputStream;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;

/**
 * An opened and verified bundle (see {@link Bundles#open}). Close it when done: a zip bundle
 * keeps its file open.
 */
public abstract sealed class Bundle implements AutoCloseable permits FolderBundle, ZipBundle {

    private final Path location;
    private final VerifiedManifest verified;

    Bundle(Path location, VerifiedManifest verified) {
        this.location = location;
        this.verified = verified;
    }

    /** Where the bundle is: its folder or zip file. */
    public Path location() {
        return location;
    }

    /** The verified manifest. */
    public ReleaseManifest manifest() {
        return verified.manifest();
    }

    /** The exact bytes of release.json (a copy), as signed. */
    public byte[] manifestBytes() {
        return verified.bytes().clone();
    }

    /** The vendor's signature over {@link #manifestBytes()}. */
    public DetachedSignature signature() {
        return verified.signature();
    }

    /**
     * Opens one file of the release for reading. The stream checks the bytes again as they are
     * read (size and SHA-256, see {@link VerifyingInputStream}), so a file changed after
     * {@link Bundles#open} is still refused; read it to the end before using what was read.
     *
     * @param entry an entry of this bundle's manifest
     */
    public InputStream openFile(ManifestEntry entry) throws IOException {
        if (!manifest().files().contains(entry)) {
            throw new IllegalArgumentException("Not a file of release " + manifest().version() + ": " + entry);
        }
        return new VerifyingInputStream(openRaw(entry), entry.path(), entry.size(), entry.sha256());
    }

    @Override
    public void close() throws IOException {
        // A folder bundle holds nothing open.
    }

    abstract InputStream openRaw(ManifestEntry entry) throws IOException;

    /** Reads every file once, checking its size and SHA-256 (as {@link Bundles#verifyStream} does). */
    final void verifyContents() {
        byte[] buffer = new byte[64 * 1024];
        for (ManifestEntry entry : manifest().files()) {
            try (InputStream in = openRaw(entry)) {
                ZipEntries.copyVerified(location, in, entry, OutputStream.nullOutputStream(), buffer);
            } catch (IOException e) {
                throw new ReleaseIoException(location, e);
            }
        }
    }

    /** release.json as read and verified: its bytes, the parsed manifest and the signature. */
    record VerifiedManifest(ReleaseManifest manifest, byte[] bytes, DetachedSignature signature) {
        VerifiedManifest {
            Objects.requireNonNull(manifest, "manifest");
        }
    }
}
