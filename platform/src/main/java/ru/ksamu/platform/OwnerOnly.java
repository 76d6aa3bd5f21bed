package ru.ksamu.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner may read: the data folder and what holds databases, backups,
 * keys and releases (folders {@code rwx------}, files {@code rw-------}). Where the file system has
 * no POSIX permissions (Windows) nothing is changed. Folders that exist already are left as the
 * admin made them: only what this program creates is restricted.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and any missing parents, each one made here owner-only; returns {@code dir}. */
    public static Path folder(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return dir;
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        try {
            Files.createDirectory(abs);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(abs)) {
                return dir; // made by someone else meanwhile: theirs
            }
            throw e;
        }
        if (posix(abs)) {
            // set after creating, not as a creation attribute: the umask would take bits off that one only
            Files.setPosixFilePermissions(abs, FOLDER);
        }
        return dir;
    }

    /** Creates a new empty file, owner-only from its first moment; fails if it exists. */
    public static Path newFile(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        return Files.createFile(file);
    }

    /** Makes an existing file owner-only. */
    public static void file(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
