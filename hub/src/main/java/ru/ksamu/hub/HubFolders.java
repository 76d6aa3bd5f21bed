package ru.ksamu.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ru.ksamu.platform.DataFolder;

/**
 * The hub's folders under {@code ksamu.data-dir} (made absolute by the start-up check):
 * {@code files/} holds release files by SHA-256, {@code uploads/} the bundles being received,
 * {@code keys/} the generated online key.
 *
 * @param dataDir the data folder
 */
public record HubFolders(Path dataDir) {

    /** Content-addressed release files. */
    public Path files() {
        return new DataFolder(dataDir).files();
    }

    /** Uploads in progress; emptied at start. */
    public Path uploads() {
        return new DataFolder(dataDir).uploads();
    }

    /** The hub's own key pair when none is configured. */
    public Path keys() {
        return new DataFolder(dataDir).keys();
    }

    /** Creates a folder if needed and returns it. */
    public static Path ensure(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }
}
