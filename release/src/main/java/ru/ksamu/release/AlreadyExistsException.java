package ru.ksamu.release;

import java.nio.file.Path;

/** A file or folder would be overwritten; the library never overwrites keys or bundles. */
public final class AlreadyExistsException extends ReleaseException {

    private final Path path;

    /** @param path the file or folder that already exists */
    public AlreadyExistsException(Path path) {
        super(ErrorCode.ALREADY_EXISTS,
                "Файл " + path + " уже существует; перезапись запрещена",
                path + " already exists; refusing to overwrite it", null);
        this.path = path;
    }

    /** The file or folder that already exists. */
    public Path path() {
        return path;
    }
}
