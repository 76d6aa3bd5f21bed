package ru.ksamu.platform;

import java.nio.file.Path;

/**
 * The service's data folder, {@code ksamu.data-dir} (made absolute by {@link StartupSettingsCheck}),
 * and the names of its sub-folders, written once. Each application declares one bean of it; the
 * classes that keep files take it instead of reading the setting themselves.
 *
 * @param root the data folder, absolute and normalized
 */
public record DataFolder(Path root) {

    public DataFolder {
        root = root.toAbsolutePath().normalize();
    }

    /** The folder named by the setting's value. */
    public static DataFolder of(String dataDir) {
        return new DataFolder(Path.of(dataDir));
    }

    /** {@code db/}: H2's files (created owner-only at start). */
    public Path db() {
        return root.resolve("db");
    }

    /** {@code keys/}: generated keys (created owner-only at start). */
    public Path keys() {
        return root.resolve("keys");
    }

    /** {@code backups/}: where backups go when a task names no folder (server). */
    public Path backups() {
        return root.resolve("backups");
    }

    /** {@code releases/}: downloaded release blobs, staging and versions (server). */
    public Path releases() {
        return root.resolve("releases");
    }

    /** {@code client/}: the client distribution's versions and pointers (server). */
    public Path client() {
        return root.resolve("client");
    }

    /** {@code files/}: content-addressed release files (hub). */
    public Path files() {
        return root.resolve("files");
    }

    /** {@code uploads/}: uploads in progress (hub). */
    public Path uploads() {
        return root.resolve("uploads");
    }
}
