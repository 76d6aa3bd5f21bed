package ru.ksamu.server.releases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;

/**
 * The releases this server has brought in, under {@code <data>/releases}:
 * <pre>
 *   blobs/&lt;sha256&gt;                 every verified file, stored once whatever releases share it
 *   staging/&lt;sha256&gt;.part          a download in progress (resumed with Range after a stop)
 *   versions/&lt;a.b.c.d&gt;/release.json  the vendor's manifest, exact bytes
 *   versions/&lt;a.b.c.d&gt;/release.sig   its signature
 * </pre>
 * A blob appears only complete and verified (fsync, then an atomic rename from staging). After
 * each install the versions no longer needed and the blobs only they used are removed
 * ({@link #prune}); a later download fetches again whatever it lacks.
 */
@Component
public class ReleaseStore {

    private final Path root;

    ReleaseStore(DataFolder data) {
        this.root = data.releases();
        try {
            OwnerOnly.folder(root);
            Files.createDirectories(root.resolve("blobs"));
            Files.createDirectories(root.resolve("staging"));
            Files.createDirectories(root.resolve("versions"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    public Path blob(String sha256) {
        return root.resolve("blobs").resolve(sha256);
    }

    public boolean hasBlob(String sha256) {
        return Files.isRegularFile(blob(sha256));
    }

    public Path part(String sha256) {
        return root.resolve("staging").resolve(sha256 + ".part");
    }

    /** Makes a verified download a blob: flushed to disk, then renamed in one step. */
    public void commit(String sha256) throws IOException {
        AtomicFiles.commit(part(sha256), blob(sha256), true);
    }

    /** Keeps a release's manifest and signature (exact bytes). */
    public void saveRelease(Version version, byte[] manifest, DetachedSignature signature) throws IOException {
        writeTo(versionDir(version), manifest, signature);
    }

    /** The kept manifest and signature of a version, if both are here. */
    public Optional<StoredRelease> release(Version version) {
        return readFrom(versionDir(version));
    }

    /** A manifest and its signature kept in {@code dir}, if both are there. */
    public static Optional<StoredRelease> readFrom(Path dir) {
        Path json = dir.resolve(ReleaseManifest.FILE_NAME);
        Path sig = dir.resolve("release.sig");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(sig)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(json);
            DetachedSignature signature = DetachedSignature.parse(Files.readString(sig).strip(), sig.toString());
            return Optional.of(new StoredRelease(bytes, signature, ReleaseManifest.parse(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the release kept in " + dir, e);
        }
    }

    /** Writes a release's manifest and signature into {@code dir}, each file whole or not at all. */
    public static void writeTo(Path dir, byte[] manifest, DetachedSignature signature) throws IOException {
        AtomicFiles.write(dir.resolve(ReleaseManifest.FILE_NAME), manifest);
        AtomicFiles.write(dir.resolve("release.sig"), signature.toText() + "\n");
    }

    /** Removes downloads in progress except those of {@code keep} (hashes); returns how many went. */
    public int cleanStaging(Set<String> keep) throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.list(root.resolve("staging"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                String sha = name.endsWith(".part") ? name.substring(0, name.length() - 5) : name;
                if (!keep.contains(sha)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Removes the kept releases not in {@code keep}, then every blob that no release in
     * {@code keep} names. Blobs stay when one of those releases cannot be read whole (nothing is
     * removed that it might need). Called inside an update run (never beside another one), after
     * the install.
     */
    public Pruned prune(Set<Version> keep) throws IOException {
        int versions = removeVersionFolders(root.resolve("versions"), keep);
        Set<String> named = new HashSet<>();
        for (Version version : keep) {
            Optional<StoredRelease> release = release(version);
            if (release.isEmpty()) {
                return new Pruned(versions, 0, 0);
            }
            release.get().manifest().files().forEach(f -> named.add(f.sha256()));
        }
        int blobs = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(root.resolve("blobs"))) {
            for (Path blob : (Iterable<Path>) files::iterator) {
                if (!named.contains(blob.getFileName().toString())) {
                    long size = Files.size(blob);
                    if (Files.deleteIfExists(blob)) {
                        blobs++;
                        bytes += size;
                    }
                }
            }
        }
        return new Pruned(versions, blobs, bytes);
    }

    /** What {@link #prune} removed: release folders, blobs and their bytes. */
    public record Pruned(int versions, int blobs, long bytes) {
    }

    /**
     * Removes the folders in {@code versionsDir} named after a version not in {@code keep} (anything
     * not named like a version is not ours and stays); returns how many went.
     */
    public static int removeVersionFolders(Path versionsDir, Set<Version> keep) throws IOException {
        int removed = 0;
        try (Stream<Path> dirs = Files.list(versionsDir)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Optional<Version> version = versionNamed(dir.getFileName().toString());
                if (version.isPresent() && !keep.contains(version.get())) {
                    FileTrees.delete(dir);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The version a folder under {@code versions/} is named after; empty for anything else there. */
    private static Optional<Version> versionNamed(String name) {
        try {
            return Optional.of(Version.parse(name));
        } catch (InvalidVersionException e) {
            return Optional.empty();
        }
    }

    private Path versionDir(Version version) {
        return root.resolve("versions").resolve(version.toString());
    }

    /** A release kept on this server: the manifest's exact bytes, its signature, and the parsed manifest. */
    public record StoredRelease(byte[] manifestBytes, DetachedSignature signature, ReleaseManifest manifest) {
    }
}
