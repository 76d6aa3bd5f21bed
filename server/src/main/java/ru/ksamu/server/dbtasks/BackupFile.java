package ru.ksamu.server.dbtasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ru.ksamu.platform.DatabaseKind;

/**
 * One backup file made by the "Бэкап" task: {@code <database>-<yyyy-MM-dd_HHmmss>.<zip|dump|fbk>}
 * (H2's compressed script, PostgreSQL's custom-format dump, Firebird's gbak file), the time in the server's zone.
 * Only files with such names are listed, restored or pruned: nothing else in the folder is ours.
 */
public record BackupFile(String database, LocalDateTime takenAt, String extension, Path path, long size) {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss");
    private static final Pattern NAME = Pattern.compile("([a-z][a-z0-9-]{0,31})-(\\d{4}-\\d{2}-\\d{2}_\\d{6})\\.(zip|dump|fbk)");

    public BackupFile {
        if (!NAME.matcher(path.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("Not a backup file name: " + path.getFileName());
        }
    }

    /** The file name for a backup of {@code database} taken at {@code at}. */
    static String name(String database, LocalDateTime at, DatabaseKind kind) {
        return database + "-" + STAMP.format(at) + "." + extension(kind);
    }

    static String extension(DatabaseKind kind) {
        return kind == DatabaseKind.H2 ? "zip" : kind == DatabaseKind.FIREBIRD ? "fbk" : "dump";
    }

    public String name() {
        return path.getFileName().toString();
    }

    /** Whether a database of this kind can be restored from it. */
    boolean fits(DatabaseKind kind) {
        return extension.equals(extension(kind));
    }

    /** The file, if its name is one of ours. */
    static Optional<BackupFile> of(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BackupFile(m.group(1), LocalDateTime.parse(m.group(2), STAMP), m.group(3), file,
                    Files.size(file)));
        } catch (DateTimeParseException | IOException e) {
            return Optional.empty();
        }
    }

    /** Our backups in a folder, newest first (none when the folder does not exist). */
    static List<BackupFile> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BackupFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> of(f).ifPresent(out::add));
        }
        out.sort(Comparator.comparing(BackupFile::takenAt).thenComparing(BackupFile::name).reversed());
        return out;
    }

    /** Deletes the backups of {@code database} in {@code folder} beyond the newest {@code keep}; returns them. */
    static List<BackupFile> prune(Path folder, String database, int keep) throws IOException {
        List<BackupFile> mine = list(folder).stream().filter(b -> b.database().equals(database)).toList();
        List<BackupFile> removed = new ArrayList<>();
        for (BackupFile old : mine.subList(Math.min(keep, mine.size()), mine.size())) {
            Files.deleteIfExists(old.path());
            removed.add(old);
        }
        return removed;
    }
}
