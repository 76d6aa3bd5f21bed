package ru.ksamu.client.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.Version;
import ru.ksamu.release.download.BoundedBody;
import ru.ksamu.release.download.ResumableDownload;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.files.PointerFiles;
import ru.ksamu.release.manifest.SafePath;

/**
 * The launcher's folder on a workstation: {@code versions/<a.b.c.d>/} one folder per installed
 * client (exactly the release's {@code client/} files), the pointer files {@code current} and
 * {@code previous} (one version each), {@code failed} (a version that did not start here), and
 * {@code downloads/} (files being downloaded, {@code <sha256>.part}, resumed with Range).
 * A version folder appears only whole: it is filled as {@code versions/<v>.partial} and renamed.
 * A pointer is switched by writing a temporary file and renaming it over the old one.
 */
final class Installation {

    /** What installing has to do, and tells as it goes. */
    interface Progress {
        void started(String version, int toDownload, int total, long bytes);

        void advanced(long bytes);
    }

    /**
     * What downloads one file by hash into a part file (resuming it), never past {@code size}
     * bytes: more throws {@link BoundedBody.TooLarge} or {@link SizeMismatchException}.
     */
    interface Fetcher {
        void fetch(String sha256, long size, Path part, LongConsumer progress) throws IOException, InterruptedException;
    }

    /** The pointer to a version that did not start here. */
    private static final String FAILED = "failed";

    private final Path root;
    private final Path versions;
    private final Path downloads;

    Installation(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.versions = this.root.resolve("versions");
        this.downloads = this.root.resolve("downloads");
        Files.createDirectories(versions);
        Files.createDirectories(downloads);
        try (Stream<Path> s = Files.list(versions)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                FileTrees.delete(p); // an install interrupted before its rename
            }
        }
    }

    Path root() {
        return root;
    }

    Optional<String> current() {
        return pointer(PointerFiles.CURRENT).filter(v -> Files.isDirectory(versionDir(v)));
    }

    Optional<String> previous() {
        return pointer(PointerFiles.PREVIOUS).filter(v -> Files.isDirectory(versionDir(v)));
    }

    Optional<String> failed() {
        return pointer(FAILED);
    }

    Path versionDir(String version) {
        return versions.resolve(Version.parse(version).toString());
    }

    /** Versions whose folders are installed, oldest first. */
    List<String> installedVersions() throws IOException {
        try (Stream<Path> s = Files.list(versions)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".partial")).sorted().toList();
        }
    }

    /**
     * Installs a verified client version beside the others and makes it current. Files already
     * installed (same SHA-256 in the current or previous version) are copied, the rest are
     * fetched, and every file is checked against its listed size and hash before the folder is
     * renamed into place. Returns how many files were downloaded.
     *
     * @throws UpdateRefusedException if a fetched file does not match or is longer than listed (it
     *                                is deleted; nothing switches)
     * @throws IOException             if a download fails or stalls: what came stays in {@code downloads/}
     *                                for the next start to resume, nothing switches
     */
    int install(ClientManifest m, Fetcher fetcher, Progress progress) throws IOException, InterruptedException {
        String v = Version.parse(m.version()).toString();
        Path target = versionDir(v);
        if (Files.isDirectory(target) && previous().filter(v::equals).isPresent()) {
            progress.started(v, 0, m.files().size(), 0); // the server went back to the version before: switch back
            switchTo(v);
            return 0;
        }
        Map<String, Path> have = installedByHash();
        List<ClientManifest.FileRef> fetch = new ArrayList<>();
        for (ClientManifest.FileRef f : m.files()) {
            if (!have.containsKey(f.sha256())) {
                fetch.add(f);
            }
        }
        progress.started(v, (int) fetch.stream().map(ClientManifest.FileRef::sha256).distinct().count(), m.files().size(),
                fetch.stream().mapToLong(ClientManifest.FileRef::size).sum());
        Map<String, Path> fetched = new HashMap<>();
        for (ClientManifest.FileRef f : fetch) {
            if (fetched.containsKey(f.sha256())) {
                continue;
            }
            Path part = downloads.resolve(f.sha256() + ".part");
            ResumableDownload.Wanted wanted = new ResumableDownload.Wanted(f.path(), f.size(), f.sha256());
            try {
                fetcher.fetch(f.sha256(), f.size(), part, progress::advanced);
            } catch (BoundedBody.TooLarge | SizeMismatchException e) { // the server sent more than the file
                Files.deleteIfExists(part);
                throw UpdateRefusedException.of("launcher.fileTooLong", f.path(), f.size());
            }
            try {
                ResumableDownload.verify(wanted, part);
            } catch (SizeMismatchException e) {
                throw UpdateRefusedException.of("launcher.corrupt.size", f.path(), e.actual(), e.expected());
            } catch (HashMismatchException e) {
                throw UpdateRefusedException.of("launcher.corrupt.hash", f.path(), e.actual(), e.expected());
            }
            fetched.put(f.sha256(), part);
        }
        Path staging = versions.resolve(v + ".partial");
        FileTrees.delete(staging);
        Files.createDirectories(staging);
        for (ClientManifest.FileRef f : m.files()) {
            Path to = SafePath.resolve(staging, f.path());
            Files.createDirectories(to.getParent());
            Path from = have.getOrDefault(f.sha256(), fetched.get(f.sha256()));
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        FileTrees.sync(staging);
        FileTrees.delete(target); // a leftover of a version that is neither current nor previous
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        switchTo(v);
        for (Path p : fetched.values()) {
            Files.deleteIfExists(p);
        }
        removeOthers();
        return fetched.size();
    }

    /** Makes a version current; the one before becomes previous. */
    void switchTo(String version) throws IOException {
        Optional<String> was = current();
        if (was.isPresent() && !was.get().equals(version)) {
            PointerFiles.write(root.resolve(PointerFiles.PREVIOUS), was.get());
        }
        PointerFiles.write(root.resolve(PointerFiles.CURRENT), version);
    }

    /**
     * The current version did not start: the previous one becomes current again, and the failed
     * one is remembered so the launcher does not switch to it again.
     */
    void rollBack() throws IOException {
        String bad = current().orElseThrow();
        String back = previous().orElseThrow();
        PointerFiles.write(root.resolve(FAILED), bad);
        PointerFiles.write(root.resolve(PointerFiles.CURRENT), back);
        Files.deleteIfExists(root.resolve(PointerFiles.PREVIOUS));
    }

    /** Every file of the current and previous versions by its SHA-256. */
    private Map<String, Path> installedByHash() throws IOException {
        Map<String, Path> byHash = new HashMap<>();
        for (Optional<String> v : List.of(current(), previous())) {
            if (v.isEmpty()) {
                continue;
            }
            try (Stream<Path> s = Files.walk(versionDir(v.get()))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    byHash.putIfAbsent(Sha256.of(p), p);
                }
            }
        }
        return byHash;
    }

    /** Removes the versions that are neither current nor previous. */
    private void removeOthers() throws IOException {
        List<String> keep = new ArrayList<>();
        current().ifPresent(keep::add);
        previous().ifPresent(keep::add);
        for (String v : installedVersions()) {
            if (!keep.contains(v)) {
                FileTrees.delete(versions.resolve(v));
            }
        }
    }

    private Optional<String> pointer(String name) {
        try {
            return PointerFiles.read(root.resolve(name)).map(text -> Version.parse(text).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged pointer names no version
        }
    }
}
