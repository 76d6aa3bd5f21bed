package ru.ksamu.release.bundle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.VerifyingInputStream;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;

/**
 * The per-entry checks of a zip bundle against its verified manifest, shared by the two ways of
 * reading one: {@link ZipBundle} (the zip's directory, then every file) and {@link BundleStream}
 * (entry by entry as the bytes arrive). Every entry name is a safe path, listed in the manifest and
 * met once; the size the zip declares is checked before inflating; the bytes go through the
 * library's {@link VerifyingInputStream}; at the end no listed file may be missing.
 */
final class ZipEntries {

    private final Map<String, ManifestEntry> listed = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final List<String> names = new ArrayList<>();

    ZipEntries(ReleaseManifest manifest) {
        manifest.files().forEach(entry -> listed.put(entry.path(), entry));
    }

    /** True for release.json and release.sig, which the manifest does not list. */
    static boolean isDocument(String name) {
        return name.equals(ReleaseManifest.FILE_NAME) || name.equals(Bundles.SIGNATURE_FILE);
    }

    /** Checks a folder entry's name (folders hold nothing, but their names must be safe too). */
    static void checkFolder(String name) {
        SafePath.check(name.substring(0, name.length() - 1));
    }

    /**
     * Accepts one file entry: its name safe, listed, not met before; its declared uncompressed
     * size (or -1 when the zip does not say) not other than the manifest's.
     *
     * @return the manifest entry the zip entry must match
     */
    ManifestEntry accept(String name, long declaredSize) {
        SafePath.check(name);
        ManifestEntry entry = listed.get(name);
        if (entry == null) {
            throw new ExtraFileException(name);
        }
        names.add(name);
        if (!seen.add(name)) {
            // The library's own check words the refusal; two equal names always fail it.
            SafePath.checkDistinct(names);
        }
        if (declaredSize >= 0 && declaredSize < entry.size()) {
            throw SizeMismatchException.shorter(entry.path(), entry.size(), declaredSize);
        }
        if (declaredSize > entry.size()) {
            throw SizeMismatchException.longer(entry.path(), entry.size(), declaredSize);
        }
        return entry;
    }

    /** Refuses the first listed file not accepted. */
    void requireAll(List<ManifestEntry> files) {
        for (ManifestEntry entry : files) {
            if (!seen.contains(entry.path())) {
                throw new MissingFileException(entry.path());
            }
        }
    }

    /**
     * Copies one entry's bytes to {@code out} through the verifying stream (size and SHA-256
     * against the manifest; inflating stops one buffer past the listed size), to its end.
     * {@code data} is not closed.
     */
    static void copyVerified(Path bundle, InputStream data, ManifestEntry entry, OutputStream out, byte[] buffer)
            throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(data, entry.path(), entry.size(), entry.sha256());
        try {
            // Whole buffers: a zip stream hands out about 512 bytes a read, and as many small writes cost.
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                out.write(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw corrupt(bundle, entry.path(), e);
        }
    }

    /** A damaged or cut entry: the zip cannot be read. */
    static MalformedBundleException corrupt(Path bundle, String name, IOException e) {
        return new MalformedBundleException(bundle, "zip-архив повреждён или обрезан, запись " + name + ": " + e.getMessage(),
                "the zip is corrupt or truncated, entry " + name + ": " + e.getMessage(), e);
    }
}
