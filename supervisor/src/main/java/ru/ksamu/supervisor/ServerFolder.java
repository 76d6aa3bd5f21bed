package ru.ksamu.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.files.PointerFiles;

/**
 * {@code <data>/server/}, the files the supervisor and the server share:
 * <pre>
 *   versions/&lt;name&gt;/ksamu-server.jar  each server version side by side (with its other server files)
 *   current, previous, pending         text files naming a version folder, each replaced atomically
 *   running.json                       {pid, port, version}, written by the server when it is ready
 *   last-switch.json                   the outcome of the last switch ({@link SwitchRecord})
 * </pre>
 * Every file is written whole or not at all (a temporary file, flushed, renamed over). A JSON file
 * that is still not whole, or of another shape, reads as unknown: one line says so in the log and
 * nothing throws, so neither the supervisor nor the server stops on it. A version folder is
 * replaced by renames only, and {@link #recoverVersions} puts right what a crash between them left.
 */
public final class ServerFolder {

    /** The server program inside a version folder. */
    public static final String SERVER_JAR = "ksamu-server.jar";

    /** The suffix of a version folder being filled, renamed to its name by {@link #commit}. */
    static final String STAGING = ".tmp";
    /** The suffix of the version folder {@link #commit} has renamed aside and deletes once the new one is in. */
    static final String ASIDE = ".old";

    private final Path root;
    private final Consumer<String> log;
    /** The last reason each JSON file was refused for: a file read every half second is reported once. */
    private final Map<Path, String> refused = new ConcurrentHashMap<>();

    /**
     * @param dataDir the data folder; the files are in its {@code server/}
     * @param log     where a line in English goes when a file is refused or a version folder recovered
     */
    public ServerFolder(Path dataDir, Consumer<String> log) {
        this.root = dataDir.resolve("server");
        this.log = log;
    }

    /** A folder whose lines go to standard error. */
    public ServerFolder(Path dataDir) {
        this(dataDir, System.err::println);
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
        return pointer(PointerFiles.CURRENT);
    }

    public Optional<String> previous() {
        return pointer(PointerFiles.PREVIOUS);
    }

    public Optional<String> pending() {
        return pointer(PointerFiles.PENDING);
    }

    public void setCurrent(String name) {
        point(PointerFiles.CURRENT, name);
    }

    public void setPrevious(String name) {
        point(PointerFiles.PREVIOUS, name);
    }

    public void clearPending() {
        delete(root.resolve(PointerFiles.PENDING));
    }

    public Path runningFile() {
        return root.resolve("running.json");
    }

    /**
     * The pid and port of the server that last reported itself ready; empty when the file is not
     * there or cannot be read as such (then said once in the log).
     */
    public Optional<Running> running() {
        return readRecord(runningFile(), Running::parse, "taken as no server ready yet");
    }

    /**
     * The outcome of the last switch; empty when there was none or the file cannot be read as one
     * (then said once in the log).
     */
    public Optional<SwitchRecord> lastSwitch() {
        return readRecord(root.resolve("last-switch.json"), SwitchRecord::parse, "taken as no switch on record");
    }

    public void record(SwitchRecord r) {
        writeAtomically(root.resolve("last-switch.json"), r.toJson());
    }

    public void setPending(String name) {
        point(PointerFiles.PENDING, name);
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
            AtomicFiles.force(copy);
            commit(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + jar + " as " + version(name), e);
        }
    }

    /** An empty {@code versions/<name>.tmp/} to fill (each file flushed) before {@link #commit}. */
    public Path staging(String name) throws IOException {
        settle(name);
        Path tmp = version(name + STAGING);
        FileTrees.delete(tmp);
        Files.createDirectories(tmp);
        return tmp;
    }

    /**
     * Puts a filled {@code versions/<name>.tmp/} in place as {@code versions/<name>/} by renames
     * only: an old folder of that name is renamed to {@code <name>.old}, the new one to its name,
     * then the old one is deleted. A crash between the steps leaves the old or the new folder whole
     * under a name {@link #recoverVersions} knows; the target is never a half-written folder.
     */
    public void commit(String name) throws IOException {
        settle(name);
        Path target = version(name);
        Path staged = version(name + STAGING);
        Path aside = version(name + ASIDE);
        if (!Files.isDirectory(staged)) {
            throw new NoSuchFileException(staged.toString(), null, "nothing staged to commit; " + target + " is left as it was");
        }
        FileTrees.sync(staged);
        if (Files.exists(target)) {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncFolder(target.getParent());
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncFolder(target.getParent());
        FileTrees.delete(aside);
    }

    /**
     * At start: puts right what a crash in {@link #staging}, {@link #commit} or {@link #install}
     * left in {@code versions/}. A {@code <name>.old} whose {@code <name>} is missing was renamed
     * aside just before the new folder came in: it goes back (the new one may be half filled, and
     * the install runs again). A {@code <name>.old} beside its {@code <name>} is what the finished
     * commit was deleting: it goes. A {@code <name>.tmp} is a folder never committed: it goes.
     * Each repair is said in the log.
     *
     * @return the folder names repaired or removed
     */
    public List<String> recoverVersions() throws IOException {
        List<String> repaired = new ArrayList<>();
        for (Path d : versionFolders()) {
            String folderName = d.getFileName().toString();
            if (folderName.endsWith(ASIDE) && settle(folderName.substring(0, folderName.length() - ASIDE.length()))) {
                repaired.add(folderName);
            }
        }
        for (Path d : versionFolders()) {
            String folderName = d.getFileName().toString();
            if (folderName.endsWith(STAGING)) {
                FileTrees.delete(d);
                log.accept("Removed " + d + ", a server version folder left unfinished (an install stopped before its commit)");
                repaired.add(folderName);
            }
        }
        return repaired;
    }

    /**
     * Removes every version folder not named in {@code keep} (after {@link #recoverVersions}, so an
     * old folder renamed aside by a cut commit comes back first); returns the names removed.
     */
    public List<String> removeVersionsExcept(Set<String> keep) throws IOException {
        recoverVersions();
        List<String> removed = new ArrayList<>();
        for (Path d : versionFolders()) {
            String name = d.getFileName().toString();
            if (!keep.contains(name)) {
                FileTrees.delete(d);
                removed.add(name);
            }
        }
        return removed;
    }

    /** Brings back or removes a {@code <name>.old} a cut {@link #commit} left; true if there was one. */
    private boolean settle(String name) throws IOException {
        Path target = version(name);
        Path aside = version(name + ASIDE);
        if (!Files.exists(aside)) {
            return false;
        }
        if (Files.exists(target)) {
            FileTrees.delete(aside);
            log.accept("Removed " + aside + ", the old copy of server version " + name + " that a cut install had renamed aside");
        } else {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncFolder(target.getParent());
            log.accept("Moved " + aside + " back to " + target + ": an install of server version " + name
                    + " was cut between its renames, so the old folder stays");
        }
        return true;
    }

    private List<Path> versionFolders() throws IOException {
        Path versions = root.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.toList();
        }
    }

    /** Written by the server once it is ready. */
    public void writeRunning(Running r) {
        writeAtomically(runningFile(), r.toJson());
    }

    /** Removed by the server when it stops, so nobody takes a stopped server for a running one. */
    public void clearRunning() {
        delete(runningFile());
    }

    private Optional<String> pointer(String file) {
        Path p = root.resolve(file);
        try {
            return PointerFiles.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    private void point(String file, String name) {
        Path p = root.resolve(file);
        try {
            PointerFiles.write(p, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + p, e);
        }
    }

    /**
     * A JSON file as a record; a file that cannot be read as one is unknown (empty), said in the log
     * once per reason with {@code meaning} (what the reader takes it for).
     */
    private <T> Optional<T> readRecord(Path file, Function<byte[], T> parse, String meaning) {
        String reason;
        try {
            T value = parse.apply(Files.readAllBytes(file));
            refused.remove(file);
            return Optional.of(value);
        } catch (NoSuchFileException e) {
            refused.remove(file);
            return Optional.empty();
        } catch (IOException e) {
            reason = "cannot read it: " + e;
        } catch (RuntimeException e) { // whatever the bytes are, they are a bad file, not the reader's end
            reason = e.getMessage();
        }
        if (!reason.equals(refused.put(file, reason))) {
            log.accept("Ignoring " + file + ": " + reason + "; " + meaning);
        }
        return Optional.empty();
    }

    /** The file whole or not at all ({@link AtomicFiles}); a failure is unchecked, naming the file. */
    static void writeAtomically(Path target, String text) {
        try {
            AtomicFiles.write(target, text);
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

    /** What a ready server wrote into {@code running.json}; {@code version} may be null. */
    public record Running(long pid, int port, String version) {

        String toJson() {
            return RecordJson.object().put("pid", pid).put("port", port).put("version", version).write();
        }

        /** @throws IllegalArgumentException when the bytes are not such a record, saying why in one line */
        static Running parse(byte[] json) {
            RecordJson r = RecordJson.read(json);
            return new Running(r.integer("pid"), r.smallInteger("port"), r.optionalString("version"));
        }
    }
}
