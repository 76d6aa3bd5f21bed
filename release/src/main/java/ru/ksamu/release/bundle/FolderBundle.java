package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;
import ru.ksamu.release.signing.TrustedKeys;

/** A bundle unpacked in a folder. */
final class FolderBundle extends Bundle {

    private FolderBundle(Path folder, VerifiedManifest verified) {
        super(folder, verified);
    }

    static FolderBundle open(Path folder, TrustedKeys trustedKeys, Limits limits) {
        byte[] manifestBytes = readDocument(folder, ReleaseManifest.FILE_NAME, Limits.MAX_DOCUMENT_BYTES);
        byte[] signature = readDocument(folder, Bundles.SIGNATURE_FILE, Bundles.MAX_SIGNATURE_BYTES);
        FolderBundle bundle = new FolderBundle(folder,
                Bundles.verifyManifest(manifestBytes, signature, trustedKeys, limits));
        bundle.checkFileSet();
        bundle.verifyContents();
        return bundle;
    }

    private void checkFileSet() {
        Set<String> listed = new HashSet<>();
        manifest().files().forEach(entry -> listed.add(entry.path()));
        Set<String> present = new HashSet<>();
        for (SourceScanner.Found found : SourceScanner.list(location(), false)) {
            boolean document = found.path().equals(ReleaseManifest.FILE_NAME) || found.path().equals(Bundles.SIGNATURE_FILE);
            if (!document && !listed.contains(found.path())) {
                throw new ExtraFileException(found.path());
            }
            present.add(found.path());
        }
        for (ManifestEntry entry : manifest().files()) {
            if (!present.contains(entry.path())) {
                throw new MissingFileException(entry.path());
            }
            Path file = SafePath.resolve(location(), entry.path());
            long size = size(file);
            if (size < entry.size()) {
                throw SizeMismatchException.shorter(entry.path(), entry.size(), size);
            }
            if (size > entry.size()) {
                throw SizeMismatchException.longer(entry.path(), entry.size(), size);
            }
        }
    }

    @Override
    InputStream openRaw(ManifestEntry entry) throws IOException {
        return Files.newInputStream(SafePath.resolve(location(), entry.path()), LinkOption.NOFOLLOW_LINKS);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    private static byte[] readDocument(Path folder, String name, int limit) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MalformedBundleException(folder, "нет файла " + name, "there is no " + name, null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Bundles.readBounded(in, name, limit);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }
}
