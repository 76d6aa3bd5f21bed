package ru.ksamu.release.manifest;

import java.util.Arrays;
import java.util.Optional;

/** What a release file is for, given by its top-level folder. */
public enum FileRole {
    /** {@code scripts/}: Flyway SQL migrations of the main base. */
    SCRIPTS("scripts"),
    /** {@code client/}: the client program's files, distributed to workstations. */
    CLIENT("client"),
    /** {@code server/}: the server's own files. */
    SERVER("server");

    private final String folder;

    FileRole(String folder) {
        this.folder = folder;
    }

    /** The top-level folder and the name in release.json: {@code scripts}, {@code client}, {@code server}. */
    public String folder() {
        return folder;
    }

    /**
     * The role of a path by its top-level folder (exact, lower case).
     *
     * @throws UnsafePathException naming the path if it is not inside one of the three folders
     */
    public static FileRole ofPath(String path) {
        int slash = path.indexOf('/');
        String top = slash < 0 ? "" : path.substring(0, slash);
        return fromFolder(top).orElseThrow(() -> new UnsafePathException(path,
                "файл должен лежать в папке scripts/, client/ или server/",
                "a file must be inside scripts/, client/ or server/"));
    }

    /** The role whose folder name is exactly {@code name}, if any. */
    public static Optional<FileRole> fromFolder(String name) {
        return Arrays.stream(values()).filter(role -> role.folder.equals(name)).findFirst();
    }
}
