package ru.ksamu.release.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The small text files that name one version folder: {@code current} (what runs or is served),
 * {@code previous} (what to go back to), {@code pending} (what to switch to next). One line, the
 * name; switched by an atomic rename ({@link AtomicFiles}), so a reader always finds a whole name
 * or none.
 */
public final class PointerFiles {

    /** The version in use. */
    public static final String CURRENT = "current";
    /** The version before it, kept to go back to. */
    public static final String PREVIOUS = "previous";
    /** The version to switch to at the next start. */
    public static final String PENDING = "pending";

    private PointerFiles() {
    }

    /** The name a pointer holds, stripped; empty when the file is missing or blank. */
    public static Optional<String> read(Path pointer) throws IOException {
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Points at {@code name}: the file becomes the name and a line end, atomically. */
    public static void write(Path pointer, String name) throws IOException {
        AtomicFiles.write(pointer, name + "\n");
    }
}
