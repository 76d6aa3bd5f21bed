package ru.ksamu.client.launcher;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * The server's answer to {@code GET /api/v1/client/manifest}: the version, the client's files
 * (paths inside the client folder), and the release's manifest bytes with the vendor's signature.
 * Nothing of it is trusted before {@link #verify}.
 */
record ClientManifest(String version, List<FileRef> files, byte[] manifestBytes, String manifestSignature) {

    /** One client file as the server lists it. */
    record FileRef(String path, long size, String sha256) {
    }

    /**
     * Checks the vendor's signature over the manifest bytes with the pinned keys, that the signed
     * manifest is this version, and that the listed files are exactly the signed manifest's
     * {@code client/} entries with the same sizes and hashes.
     *
     * @return the verified version
     * @throws UpdateRefusedException saying what does not hold
     */
    Version verify(TrustedKeys keys) {
        Version v;
        ReleaseManifest signed;
        try {
            v = Version.parse(version);
            keys.verifyRelease(manifestBytes, DetachedSignature.parse(manifestSignature, "manifestSignature"), v);
            signed = ReleaseManifest.parse(manifestBytes);
        } catch (ReleaseException e) {
            throw new UpdateRefusedException(e.russian(), e.english(), e);
        }
        if (!signed.version().equals(v)) {
            throw UpdateRefusedException.of("launcher.manifest.otherVersion", signed.version().toString());
        }
        Map<String, ManifestEntry> client = new HashMap<>();
        for (ManifestEntry e : signed.files()) {
            if (e.role() == FileRole.CLIENT) {
                client.put(e.path().substring("client/".length()), e);
            }
        }
        if (files.size() != client.size()) {
            throw UpdateRefusedException.of("launcher.manifest.count", files.size(), client.size());
        }
        for (FileRef f : files) {
            ManifestEntry e = client.get(f.path());
            if (e == null || e.size() != f.size() || !e.sha256().equals(f.sha256())) {
                throw UpdateRefusedException.of("launcher.manifest.mismatch", f.path());
            }
            SafePath.check("client/" + f.path());
        }
        return v;
    }

    long totalSize() {
        return files.stream().mapToLong(FileRef::size).sum();
    }

    @Override
    public String toString() {
        return "ClientManifest[" + version + ", " + files.size() + " files, "
                + new String(manifestBytes, StandardCharsets.UTF_8).length() + " manifest chars]";
    }
}
