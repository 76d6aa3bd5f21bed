package ru.ksamu.hub.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.hub.HubFolders;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.files.AtomicFiles;

/**
 * Release files stored once by their SHA-256: {@code <data-dir>/files/ab/cdef…} (the first two hex
 * digits name a sub-folder). A file is written to {@code files/.tmp}, forced to disk and renamed
 * into place atomically, so a file at its final path is always complete. The {@code blobs} table
 * says which stored files belong to a published release; only those are served.
 */
@Component
public class BlobStore {

    private static final Logger log = LoggerFactory.getLogger(BlobStore.class);

    private final Path root;
    private final Path tmp;
    private final JdbcClient jdbc;
    private final Clock clock;
    /**
     * Hashes already seen recorded in {@code blobs}. Rows of that table are never deleted, so once
     * a hash is seen committed it stays servable and the database need not be asked again on every
     * download. Only positive answers are kept (a publish in progress is asked about each time).
     * Should blobs ever be garbage-collected, whatever deletes them must clear this set too.
     */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    /** More remembered hashes than this and the set starts afresh (about 150 bytes each). */
    static final int MAX_REMEMBERED = 100_000;

    BlobStore(HubFolders folders, JdbcClient jdbc, Clock clock) {
        this.root = HubFolders.ensure(folders.files());
        this.tmp = HubFolders.ensure(root.resolve(".tmp"));
        this.jdbc = jdbc;
        this.clock = clock;
        removeLeftovers();
    }

    /** Opens the bytes of one file; the stream must verify them (size and SHA-256) while read. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Where a file with this SHA-256 lives (whether or not it is there). */
    public Path pathOf(String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /**
     * Stores a file unless it is already there.
     *
     * @param source a stream that throws when the bytes do not match (e.g. a bundle's
     *               {@code openFile}), so nothing unverified reaches the final path
     * @return true if the file was written now, false if it was already stored
     */
    public boolean put(String sha256, Source source) {
        Path target = pathOf(sha256);
        if (Files.isRegularFile(target)) {
            return false;
        }
        Path part = null;
        try {
            part = Files.createTempFile(tmp, sha256.substring(0, 12) + "-", ".part");
            try (InputStream in = source.open()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.commit(part, target, true); // flushed, renamed, the folder synced
            return true;
        } catch (IOException e) {
            throw new ReleaseIoException(target, e);
        } finally {
            deleteQuietly(part);
        }
    }

    /**
     * Where a mirror brings files from its upstream, {@code files/.parts}: on the same file system as
     * the stored files, so that a verified part is renamed into place, not copied; kept across
     * restarts (unlike {@code .tmp}), so that a download resumes.
     */
    public Path parts() {
        return HubFolders.ensure(root.resolve(".parts"));
    }

    /** Whether a file with this SHA-256 is stored on disk (recorded or not). */
    public boolean isStored(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /**
     * Puts a part file whose size and SHA-256 the caller has verified in place under its hash:
     * forced to disk and renamed (the part is gone afterwards). A file already stored stays.
     */
    public void commitVerified(String sha256, Path part) {
        Path target = pathOf(sha256);
        try {
            if (Files.isRegularFile(target)) {
                Files.deleteIfExists(part);
                return;
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.commit(part, target, true);
        } catch (IOException e) {
            throw new ReleaseIoException(target, e);
        }
    }

    /** Removes a stored file (used to undo the files of a publish that failed). */
    public void remove(String sha256) {
        deleteQuietly(pathOf(sha256));
    }

    /** Records stored files in the {@code blobs} table, inside the caller's transaction. */
    public void recordIfAbsent(String sha256, long size) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM blobs WHERE sha256 = ?").param(sha256)
                .query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("INSERT INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)")
                    .params(sha256, size, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
        }
    }

    /** The file of a recorded blob, if it is recorded and present on disk. */
    Optional<Path> servable(String sha256) {
        Optional<Path> file = recordedFile(sha256);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            log.error("Blob {} is recorded but its file {} is missing", sha256, file.get());
            return Optional.empty();
        }
        return file;
    }

    /**
     * Where a recorded blob's file is, without looking at the disk: for the download fast path,
     * which reads the file's attributes itself and hands a missing file to {@link #servable}'s caller.
     */
    Optional<Path> recordedFile(String sha256) {
        if (!isRecorded(sha256)) {
            return Optional.empty();
        }
        return Optional.of(pathOf(sha256));
    }

    private boolean isRecorded(String sha256) {
        if (recorded.contains(sha256)) {
            return true;
        }
        boolean known = jdbc.sql("SELECT COUNT(*) FROM blobs WHERE sha256 = ?").param(sha256)
                .query(Long.class).single() > 0;
        if (known) {
            if (recorded.size() >= MAX_REMEMBERED) {
                recorded.clear();
            }
            recorded.add(sha256);
        }
        return known;
    }

    private void removeLeftovers() {
        try (Stream<Path> parts = Files.list(tmp)) {
            parts.forEach(BlobStore::deleteQuietly);
        } catch (IOException e) {
            log.warn("Cannot clean {}: {}", tmp, e.toString());
        }
    }

    /** Makes the rename durable where the platform allows it (Linux); elsewhere the rename suffices. */
    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }
}
