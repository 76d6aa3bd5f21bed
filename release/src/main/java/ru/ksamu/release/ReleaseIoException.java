package ru.ksamu.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Reading or writing a local file failed; wraps the {@link IOException} and names the file. */
public final class ReleaseIoException extends ReleaseException {

    private final Path path;

    /**
     * @param path  the file being read or written
     * @param cause the failure
     */
    public ReleaseIoException(Path path, IOException cause) {
        super(ErrorCode.IO,
                "Ошибка ввода-вывода, файл " + path + ": " + describe(cause),
                "I/O error on " + path + ": " + describe(cause), cause);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The file being read or written. */
    public Path path() {
        return path;
    }

    private static String describe(IOException cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
