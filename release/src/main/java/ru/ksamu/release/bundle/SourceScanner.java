package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.SafePath;
import ru.ksamu.release.manifest.UnsafePathException;

/**
 * Lists the files of a release source folder (or of an opened bundle folder) with their release
 * paths. Links are never followed: a link, or anything that is not a plain file or folder, is
 * refused naming its path.
 */
final class SourceScanner {

    /** A file found on disk and its path in the release. */
    record Found(String path, Path file) {
    }

    /** A file of the release source with its manifest entry. */
    record SourceFile(ManifestEntry entry, Path file) {
    }

    private SourceScanner() {
    }

    /**
     * Lists all plain files under a folder, sorted by release path.
     *
     * @param onlyRoleFolders refuse top-level folders other than scripts/, client/, server/
     */
    static List<Found> list(Path root, boolean onlyRoleFolders) {
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        String path = releasePath(root, dir);
                        SafePath.check(path);
                        if (onlyRoleFolders && dir.getParent().equals(root) && FileRole.fromFolder(path).isEmpty()) {
                            throw new UnsafePathException(path + "/",
                                    "в исходной папке допустимы только папки scripts/, client/, server/",
                                    "the source folder may hold only scripts/, client/ and server/");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = releasePath(root, file);
                    if (!attrs.isRegularFile()) {
                        throw new UnsafePathException(path, "это ссылка или особый файл, а не обычный файл",
                                "a link or a special file, not a plain file");
                    }
                    found.add(new Found(SafePath.check(path), file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ReleaseIoException(root, e);
        }
        found.sort((a, b) -> a.path().compareTo(b.path()));
        return found;
    }

    /** Lists a release source folder and hashes every file, its size being the bytes hashed. */
    static List<SourceFile> scan(Path source) {
        List<SourceFile> files = new ArrayList<>();
        for (Found found : list(source, true)) {
            FileRole.ofPath(found.path());
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (InputStream in = Files.newInputStream(found.file())) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw new ReleaseIoException(found.file(), e);
            }
            files.add(new SourceFile(ManifestEntry.of(found.path(), size, Sha256.hex(digest.digest())), found.file()));
        }
        return files;
    }

    private static String releasePath(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(name);
        }
        return path.toString();
    }
}
