package ru.ksamu.release.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Files written whole or not at all: the bytes go to {@code <name>.tmp} beside the target, are
 * forced to disk, and the temporary file is renamed over the target in one atomic step; then the
 * folder is synced so the rename itself survives a power cut. A reader sees the old file or the
 * new one, never a part. A crash leaves at most a {@code .tmp} file, which the next write replaces.
 */
public final class AtomicFiles {

    private static final String TEMPORARY = ".tmp";

    private AtomicFiles() {
    }

    /** Writes {@code bytes} as {@code target} (creating its folder); see {@link AtomicFiles}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false);
    }

    /** Writes {@code text} as UTF-8; see {@link #write(Path, byte[])}. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Writes a secret: as {@link #write(Path, byte[])}, and where the file system has POSIX
     * permissions the file is created readable and writable by its owner alone ({@code rw-------}),
     * so the secret is never readable by others, not even for a moment.
     */
    public static void writeOwnerOnly(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static void write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = target.resolveSibling(target.getFileName() + TEMPORARY);
        Files.deleteIfExists(tmp); // a leftover keeps its permissions: start from a new file
        boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(folder);
    }

    /**
     * Puts a finished file (a download, a backup, an upload) in place under its final name: forces
     * its bytes to disk, renames it atomically, and syncs the folder. With {@code replace} false an
     * existing target is refused ({@link java.nio.file.FileAlreadyExistsException}) and left as it was.
     */
    public static void commit(Path finished, Path target, boolean replace) throws IOException {
        force(finished);
        if (replace) {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            // A plain move (a rename on one file system) refuses an existing target; ATOMIC_MOVE may replace it.
            Files.move(finished, target);
        }
        syncFolder(target.toAbsolutePath().getParent());
    }

    /** Forces a written file's bytes to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Makes the renames and new entries of a folder reach the disk. Some file systems (and
     * Windows) cannot sync a folder; there the rename is still atomic and this does nothing.
     */
    public static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            // nothing more can be done here; the rename was atomic
        }
    }
}
