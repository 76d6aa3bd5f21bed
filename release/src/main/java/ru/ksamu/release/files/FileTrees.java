package ru.ksamu.release.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole folder trees: removed, or flushed to disk before the rename that publishes them. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Removes a file or a folder with everything under it; nothing when it does not exist.
     * Symbolic links are removed, never followed.
     */
    public static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(tree)) {
            all = walk.sorted(Comparator.reverseOrder()).toList(); // children before their folder
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Forces every regular file under {@code tree} to disk, then syncs every folder in it, so a
     * tree filled in staging is whole on disk before one rename puts it in place.
     */
    public static void sync(Path tree) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(tree)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.force(p);
            }
        }
        for (Path p : all) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.syncFolder(p);
            }
        }
    }
}
