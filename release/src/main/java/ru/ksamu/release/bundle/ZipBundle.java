package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;
import ru.ksamu.release.manifest.SizeLimitException;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * A bundle in a zip file, read in place: nothing is extracted. Entry names go through
 * {@link SafePath} (zip-slip), entries are compared with the manifest before any is inflated, and
 * inflating stops one buffer past the size the manifest lists (zip bombs).
 */
final class ZipBundle extends Bundle {

    private final ZipFile zip;

    private ZipBundle(Path file, ZipFile zip, VerifiedManifest verified) {
        super(file, verified);
        this.zip = zip;
    }

    static ZipBundle open(Path file, TrustedKeys trustedKeys, Limits limits) {
        ZipFile zip = openZip(file);
        try {
            List<String> names = entryNames(file, zip, limits);
            byte[] manifestBytes = readDocument(file, zip, ReleaseManifest.FILE_NAME, Limits.MAX_DOCUMENT_BYTES);
            byte[] signature = readDocument(file, zip, Bundles.SIGNATURE_FILE, Bundles.MAX_SIGNATURE_BYTES);
            ZipBundle bundle = new ZipBundle(file, zip,
                    Bundles.verifyManifest(manifestBytes, signature, trustedKeys, limits));
            bundle.checkEntries(names);
            bundle.verifyContents();
            return bundle;
        } catch (RuntimeException e) {
            closeQuietly(zip, e);
            throw e;
        }
    }

    private static ZipFile openZip(Path file) {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new MalformedBundleException(file, "zip-архив повреждён или обрезан: " + e.getMessage(),
                    "the zip is corrupt or truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    /** Names of the file entries, each a safe path, no two the same file; directory entries checked and skipped. */
    private static List<String> entryNames(Path file, ZipFile zip, Limits limits) {
        // Documents and folder entries come on top of the files; anything beyond is surely extra.
        long maxEntries = 2L * limits.maxFiles() + 2;
        if (zip.size() > maxEntries) {
            throw SizeLimitException.count(zip.size(), maxEntries);
        }
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory()) {
                ZipEntries.checkFolder(name);
            } else {
                names.add(SafePath.check(name));
            }
        }
        SafePath.checkDistinct(names);
        return names;
    }

    private void checkEntries(List<String> names) {
        ZipEntries checks = new ZipEntries(manifest());
        for (String name : names) {
            if (!ZipEntries.isDocument(name)) {
                // The size the zip declares is checked before inflating anything; the real size while inflating.
                checks.accept(name, zip.getEntry(name).getSize());
            }
        }
        checks.requireAll(manifest().files());
    }

    @Override
    InputStream openRaw(ManifestEntry entry) throws IOException {
        return zip.getInputStream(zip.getEntry(entry.path()));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private static byte[] readDocument(Path file, ZipFile zip, String name, int limit) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            throw new MalformedBundleException(file, "нет файла " + name, "there is no " + name, null);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Bundles.readBounded(in, name, limit);
        } catch (ZipException e) {
            throw new MalformedBundleException(file, "запись " + name + " повреждена: " + e.getMessage(),
                    "entry " + name + " is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    private static void closeQuietly(ZipFile zip, RuntimeException failure) {
        try {
            zip.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
