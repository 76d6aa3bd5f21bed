package ru.ksamu.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code <data>/server/}, the files the supervisor and the server share:
 * <pre>
 *   versions/&lt;name&gt;/ksamu-server.jar  each server version side by side (with its other server files)
 *   current, previous, pending         text files naming a version folder, each replaced atomically
 *   running.json                       {pid, port, version}, written by the server when it is ready
 *   last-switch.json                   the outcome of the last switch ({@link SwitchRecord})
 * </pre>
 */
public final class ServerFolder {

    /** The server program inside a version folder. */
    public static final String SERVER_JAR = "ksamu-server.jar";

    private final Path root;

    public ServerFolder(Path dataDir) {
        this.root = dataDir.resolve("server");
    }

    public Path root() {
        return root;
    }

    public Path version(String name) {
        return root.resolve("versions").resolve(name);
    }

    public Path jar(String name) {
        return version(name).resolve(SERVER_JAR);
    }

    public Optional<String> current() {
        return pointer("current");
    }

    public Optional<String> previous() {
        return pointer("previous");
    }

    public Optional<String> pending() {
        return pointer("pending");
    }

    public void setCurrent(String name) {
        writeAtomically(root.resolve("current"), name + "\n");
    }

    public void setPrevious(String name) {
        writeAtomically(root.resolve("previous"), name + "\n");
    }

    public void clearPending() {
        delete(root.resolve("pending"));
    }

    public Path runningFile() {
        return root.resolve("running.json");
    }

    /** The pid and port of the server that last reported itself ready, if the file is there and whole. */
    public Optional<Running> running() {
        return read(runningFile()).flatMap(text -> {
            try {
                Map<String, String> m = FlatJson.read(text);
                return Optional.of(new Running(Long.parseLong(m.get("pid")), Integer.parseInt(m.get("port")), m.get("version")));
            } catch (RuntimeException e) {
                return Optional.empty(); // not whole yet or not ours: the check asks again
            }
        });
    }

    public Optional<SwitchRecord> lastSwitch() {
        return read(root.resolve("last-switch.json")).map(SwitchRecord::parse);
    }

    public void record(SwitchRecord r) {
        writeAtomically(root.resolve("last-switch.json"), r.toJson());
    }

    public void setPending(String name) {
        writeAtomically(root.resolve("pending"), name + "\n");
    }

    /** Whether {@code versions/<name>/} holds a server jar. */
    public boolean installed(String name) {
        return Files.isRegularFile(jar(name));
    }

    /**
     * Copies a server jar into {@code versions/<name>/} whole or not at all (see {@link #staging}
     * and {@link #commit}). An old folder of that name is replaced.
     */
    public void install(String name, Path jar) {
        try {
            Path copy = staging(name).resolve(SERVER_JAR);
            Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            commit(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + jar + " as " + version(name), e);
        }
    }

    /** An empty {@code versions/<name>.tmp/} to fill (each file flushed) before {@link #commit}. */
    public Path staging(String name) throws IOException {
        Path tmp = version(name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        return tmp;
    }

    /** Renames a filled {@code versions/<name>.tmp/} to {@code versions/<name>/} in one step, replacing an old one. */
    public void commit(String name) throws IOException {
        Path target = version(name);
        deleteTree(target);
        Files.move(version(name + ".tmp"), target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the rename itself reaches the disk
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            // some file systems cannot sync a folder; the rename is still atomic
        }
    }

    /**
     * Removes every version folder (and leftover {@code .tmp} folder) not named in {@code keep};
     * returns the names removed.
     */
    public List<String> removeVersionsExcept(Set<String> keep) throws IOException {
        Path versions = root.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(versions)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!keep.contains(name)) {
                    deleteTree(d);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Written by the server once it is ready. */
    public void writeRunning(Running r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pid", r.pid());
        m.put("port", r.port());
        m.put("version", r.version());
        writeAtomically(runningFile(), FlatJson.write(m));
    }

    /** Removed by the server when it stops, so nobody takes a stopped server for a running one. */
    public void clearRunning() {
        delete(runningFile());
    }

    private Optional<String> pointer(String file) {
        return read(root.resolve(file)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    /** A temporary file, flushed, then renamed over the target: readers see the old or the new text, never a part. */
    static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + p, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** What a ready server wrote into {@code running.json}. */
    public record Running(long pid, int port, String version) {
    }
}
