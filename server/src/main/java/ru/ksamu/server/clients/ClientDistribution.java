package ru.ksamu.server.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.release.Version;
import ru.ksamu.release.files.PointerFiles;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.server.releases.ReleaseStore.StoredRelease;
import ru.ksamu.server.releases.ReleaseStore;

/**
 * The client program as this server hands it to workstations, under {@code <data>/client}: one
 * folder per installed version (its signed manifest; the files themselves are the release
 * store's verified blobs), and the file {@code current} naming the version clients get. Installing
 * a version puts its folder side by side with the others and then switches {@code current} in one
 * atomic rename; {@code previous} names the version before it. A client still running the
 * previous version keeps being served its files.
 */
@Component
public class ClientDistribution {

    private final Path root;
    private final ReleaseStore releases;
    private volatile Optional<ClientRelease> current;
    private volatile Optional<ClientRelease> previous;
    /** The hashes of the current and the previous version's client files, for the download path. */
    private volatile Set<String> listed = Set.of();

    ClientDistribution(DataFolder data, ReleaseStore releases) {
        this.root = data.client();
        this.releases = releases;
        try {
            Files.createDirectories(root.resolve("versions"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root, e);
        }
        refresh();
    }

    private void refresh() {
        this.previous = read(PointerFiles.PREVIOUS);
        this.current = read(PointerFiles.CURRENT);
        this.listed = Stream.of(current, previous).flatMap(Optional::stream)
                .flatMap(release -> release.files().stream()).map(ManifestEntry::sha256)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The version clients get now, with its signed manifest; empty before the first install. */
    public Optional<ClientRelease> current() {
        return current;
    }

    /**
     * Puts a release's client side by side with the installed ones and makes it current. Every
     * client file must already be a verified blob. Repeating it is harmless (crash recovery).
     */
    public synchronized void install(Version version) throws IOException {
        StoredRelease release = releases.release(version)
                .orElseThrow(() -> new IOException("release " + version + " is not kept on this server"));
        for (ManifestEntry e : clientFiles(release)) {
            if (!releases.hasBlob(e.sha256())) {
                throw new IOException("client file " + e.path() + " of " + version + " is not downloaded");
            }
        }
        Path dir = root.resolve("versions").resolve(version.toString());
        ReleaseStore.writeTo(dir, release.manifestBytes(), release.signature());
        Optional<ClientRelease> was = current;
        if (was.isPresent() && !was.get().version().equals(version)) {
            PointerFiles.write(root.resolve(PointerFiles.PREVIOUS), was.get().version().toString());
        }
        PointerFiles.write(root.resolve(PointerFiles.CURRENT), version.toString());
        refresh();
    }

    /** The versions clients are served now: the current one and the one before it. */
    public Set<Version> servedVersions() {
        return Stream.of(current, previous).flatMap(Optional::stream).map(ClientRelease::version)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Removes the folders of client versions no longer served; returns how many went. */
    public synchronized int prune() throws IOException {
        return ReleaseStore.removeVersionFolders(root.resolve("versions"), servedVersions());
    }

    /** The stored file of a client file hash, if it belongs to the current or the previous version. */
    public Optional<Path> servable(String sha256) {
        return listedFile(sha256).filter(file -> releases.hasBlob(sha256));
    }

    /**
     * Where the file of a client file hash of the current or the previous version is kept, without
     * looking at the disk: for the download fast path, which reads the file's attributes itself.
     */
    public Optional<Path> listedFile(String sha256) {
        return listed.contains(sha256) ? Optional.of(releases.blob(sha256)) : Optional.empty();
    }

    private Optional<ClientRelease> read(String pointer) {
        try {
            Optional<String> name = PointerFiles.read(root.resolve(pointer));
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Version v = Version.parse(name.get());
            StoredRelease r = ReleaseStore.readFrom(root.resolve("versions").resolve(v.toString()))
                    .orElseThrow(() -> new IOException("the client folder of " + v + " is incomplete"));
            return Optional.of(new ClientRelease(v, r.manifestBytes(), r.signature().toText(), clientFiles(r)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the client distribution's " + pointer, e);
        }
    }

    private static List<ManifestEntry> clientFiles(StoredRelease r) {
        return r.manifest().files().stream().filter(f -> f.role() == FileRole.CLIENT).toList();
    }

    /** One installed client version as clients see it. */
    public record ClientRelease(Version version, byte[] manifestBytes, String manifestSignature,
                                List<ManifestEntry> files) {
    }
}
