package ru.ksamu.server.databases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.server.threads.WorkContext;

/**
 * The major update's recovery point, chosen by {@code ksamu.update.backup} so that it costs the
 * lock as little as the platform allows (issue L):
 * <ul>
 *   <li>restore-point (PostgreSQL with WAL archiving): {@code pg_create_restore_point} under the
 *       lock, after {@code pg_stat_archiver} shows archiving works;</li>
 *   <li>snapshot: the admin's command (a copy-on-write snapshot) under the lock, with a timeout;</li>
 *   <li>before-countdown: a full backup while users still work (H2 {@code BACKUP TO}, a block copy;
 *       PostgreSQL {@code pg_dump -Fd -j} from one snapshot), which therefore lacks the countdown's
 *       changes;</li>
 *   <li>under-lock ({@link MainBase#backup}) and off.</li>
 * </ul>
 */
@Component
public class RecoveryPoints {

    private static final Logger log = LoggerFactory.getLogger(RecoveryPoints.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** How much of a snapshot command's output goes into the run log. */
    static final int OUTPUT_MAX = 4000;

    private final ManagedDatabases databases;
    private final MainBaseSettings settings;
    private final PgTools pg;
    private final Path backups;
    private final Clock clock;

    RecoveryPoints(ManagedDatabases databases, MainBaseSettings settings, PgTools pg, DataFolder data, Clock clock) {
        this.databases = databases;
        this.settings = settings;
        this.pg = pg;
        this.backups = data.backups();
        this.clock = clock;
        if (settings.mode() == BackupMode.RESTORE_POINT && databases.main().kind() != DatabaseKind.POSTGRESQL) {
            throw new InvalidSettingException("ksamu.update.backup", settings.backup(),
                    "точка восстановления есть только у PostgreSQL с архивированием WAL, а главная база — H2",
                    "restore points need PostgreSQL with WAL archiving; the main base is H2");
        }
        log.info("Major update recovery point: ksamu.update.backup={}, snapshot-command {}, backup-jobs={}, postpone-step={}",
                settings.backup(), settings.snapshotCommand().isEmpty() ? "not set" : "set", settings.backupJobs(),
                settings.postponeStep());
    }

    /** The effective mode for one update, and the run log's line saying why. */
    public record Plan(BackupMode mode, String why) {
    }

    /**
     * Decides the mode of one major update, before its countdown: {@code auto} becomes restore-point
     * when the main base is PostgreSQL whose archiving works, else before-countdown. An explicit
     * restore-point that cannot be made fails here, before anything is locked (never a silent
     * fallback).
     */
    public Plan plan(Connection main) throws SQLException {
        BackupMode mode = settings.mode();
        boolean postgres = databases.main().kind() == DatabaseKind.POSTGRESQL;
        if (mode == BackupMode.AUTO) {
            if (!postgres) {
                return new Plan(BackupMode.BEFORE_COUNTDOWN, "H2: резервная копия BACKUP TO во время обратного отсчёта"
                        + " (ksamu.update.backup=auto)");
            }
            String problem = archivingProblem(main);
            return problem == null
                    ? new Plan(BackupMode.RESTORE_POINT, "архивирование WAL работает: под блокировкой — точка восстановления"
                    + " (ksamu.update.backup=auto)")
                    : new Plan(BackupMode.BEFORE_COUNTDOWN, "точки восстановления не будет (" + problem
                    + "): резервная копия pg_dump во время обратного отсчёта (ksamu.update.backup=auto)");
        }
        if (mode == BackupMode.RESTORE_POINT) {
            String problem = archivingProblem(main);
            if (problem != null) {
                throw new DbTaskFailedException("Точку восстановления создать нельзя: " + problem
                        + ". База не блокировалась; настройте архивирование WAL или выберите другой режим ksamu.update.backup"
                        + " (before-countdown, snapshot, under-lock, off)");
            }
        }
        return new Plan(mode, "ksamu.update.backup=" + mode.key());
    }

    /**
     * Why a restore point would not be recoverable, or null when it would be: archive_mode on,
     * at least one segment archived and no failure since, and the right to create a restore point.
     */
    String archivingProblem(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('archive_mode'), a.archived_count, a.failed_count,"
                        + " a.last_failed_time IS NOT NULL AND (a.last_archived_time IS NULL OR a.last_failed_time > a.last_archived_time),"
                        + " has_function_privilege('pg_create_restore_point(text)', 'EXECUTE'),"
                        + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                        + " FROM pg_stat_archiver a")) {
            rs.next();
            if ("off".equals(rs.getString(1))) {
                return "archive_mode = off (архивирование WAL не включено)";
            }
            if (rs.getLong(2) == 0) {
                return "pg_stat_archiver: ещё не заархивировано ни одного сегмента WAL (archived_count = 0)";
            }
            if (rs.getBoolean(4)) {
                return "pg_stat_archiver: последняя попытка архивирования не удалась (failed_count = " + rs.getLong(3)
                        + "), проверьте archive_command";
            }
            if (!rs.getBoolean(5) && !rs.getBoolean(6)) {
                return "у пользователя главной базы нет права на pg_create_restore_point (нужен суперпользователь"
                        + " или GRANT EXECUTE ON FUNCTION pg_create_restore_point(text))";
            }
            return null;
        }
    }

    /** A restore point as a DBA needs it: the name to give {@code recovery_target_name}, its LSN and time. */
    public record Point(String name, String lsn, Instant at, String archiveCommand) {
        /** The update journal's and run log's words for it. */
        public String describe() {
            return "точка восстановления PostgreSQL «" + name + "» (LSN " + lsn + ", " + at + "); восстановление:"
                    + " последняя базовая копия кластера + архив WAL (archive_command: " + archiveCommand + "),"
                    + " recovery_target_name = '" + name + "'";
        }
    }

    /**
     * Creates the named restore point on the lock's connection (milliseconds: one WAL record), then
     * switches the WAL segment so the point reaches the archive now rather than when the segment fills.
     */
    public Point restorePoint(Connection own, String name) throws SQLException {
        try (Statement s = own.createStatement()) {
            String lsn;
            try (ResultSet rs = s.executeQuery("SELECT pg_create_restore_point('" + name.replace("'", "''") + "')::text")) {
                rs.next();
                lsn = rs.getString(1);
            }
            Instant at = clock.instant();
            try (ResultSet rs = s.executeQuery("SELECT pg_switch_wal()")) {
                rs.next();
            } catch (SQLException e) {
                // pg_switch_wal needs more rights than the restore point: the segment is archived when it fills
                log.warn("pg_switch_wal after the restore point {} refused: {}", name, e.getMessage());
            }
            String command;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('archive_command')")) {
                rs.next();
                command = rs.getString(1);
            }
            return new Point(name, lsn, at, command);
        }
    }

    /**
     * A full backup taken while users work, from the countdown's start. H2: {@code BACKUP TO} on a
     * connection of its own, which stays open until the lock so that the write counter it read
     * still counts the same store ({@link #unchangedSince}). PostgreSQL: {@code pg_dump -Fd -j}.
     */
    public Backup beforeCountdown(String version, WorkContext work) throws IOException, SQLException, InterruptedException {
        OwnerOnly.folder(backups);
        Instant at = clock.instant();
        String name = "main-before-" + version + "-" + STAMP.format(at);
        ManagedDatabase main = databases.main();
        DatabaseEndpoint e = main.endpoint();
        if (main.kind() == DatabaseKind.H2) {
            Path file = backups.resolve(name + ".zip");
            Files.deleteIfExists(file);
            Connection c = connect(e);
            try (Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
                OwnerOnly.file(file);
                return new Backup(file, at, "H2 BACKUP TO", h2Writes(c), c);
            } catch (SQLException | IOException | RuntimeException failed) {
                c.close();
                Files.deleteIfExists(file);
                throw failed;
            }
        }
        Path dir = backups.resolve(name + ".dir");
        deleteTree(dir);
        try {
            pg.run(e, work, MainBase.BACKUP_TIMEOUT, "pg_dump", "-Fd", "-j", String.valueOf(settings.backupJobs()),
                    "-f", dir.toString(), "--dbname=" + PgTools.libpq(e));
        } catch (RuntimeException | IOException | InterruptedException failed) {
            deleteTree(dir);
            throw failed;
        }
        OwnerOnly.folder(dir);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                OwnerOnly.file(f); // pg_dump writes them with the process's umask
            }
        }
        return new Backup(dir, at, pg.find("pg_dump") + " -Fd -j " + settings.backupJobs(), -1, null);
    }

    /**
     * A before-countdown backup: where it is, when it was taken (what changed after is not in it),
     * how it was made (for the run log), and for H2 the store's write count right after it, on a connection kept open till the lock.
     */
    public record Backup(Path path, Instant takenAt, String how, long h2WriteMark, Connection holder) implements AutoCloseable {
        @Override
        public void close() {
            if (holder != null) {
                try {
                    holder.close();
                } catch (SQLException e) {
                    log.debug("Closing the backup's connection: {}", e.toString());
                }
            }
        }
    }

    /**
     * H2, on the lock's connection: whether nothing was written to the base since the backup (so
     * restoring it loses nothing). A write the store made of its own (a compaction) reads as a change:
     * the answer may be a false "changed", never a false "unchanged".
     */
    public boolean unchangedSince(Connection own, Backup backup) throws SQLException {
        return backup.h2WriteMark() >= 0 && h2Writes(own) == backup.h2WriteMark();
    }

    /** The store's count of file writes after every commit is on disk. */
    private static long h2Writes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
            try (ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'info.FILE_WRITE'")) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
            }
        }
    }

    /**
     * H2: puts the base back from a {@code BACKUP TO} file on the lock's connection: H2 opens the
     * zip as a read-only database, scripts it, and the locked base runs the script.
     */
    public void restoreH2Backup(Connection own, Path zip) throws SQLException, IOException {
        String entry;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            entry = z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".mv.db")).findFirst()
                    .orElseThrow(() -> new DbTaskFailedException("В резервной копии " + zip + " нет файла базы H2 (*.mv.db)"));
        }
        String db = entry.substring(0, entry.length() - ".mv.db".length());
        DatabaseEndpoint e = databases.main().endpoint();
        Path script = Files.createTempFile(backups, "restore-", ".sql");
        try {
            try (Connection copy = DriverManager.getConnection("jdbc:h2:zip:" + zip.toAbsolutePath() + "!/" + db,
                    e.user(), e.password()); Statement s = copy.createStatement()) {
                s.execute("SCRIPT TO '" + script.toString().replace("'", "''") + "'");
            }
            try (Statement s = own.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                s.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "'");
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Runs the admin's snapshot command under the lock ({@code sh -c}, with KSAMU_SNAPSHOT_NAME and
     * KSAMU_VERSION set), ended after {@code ksamu.update.snapshot-timeout}; returns its output
     * (stdout and stderr, clipped) for the run log. A non-zero exit fails the update before the migration.
     */
    public String snapshot(String name, String version) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ksamu-snapshot", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", settings.snapshotCommand()))
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("KSAMU_SNAPSHOT_NAME", name);
            pb.environment().put("KSAMU_VERSION", version);
            Process p = pb.start();
            boolean ended;
            try {
                ended = p.waitFor(settings.snapshotTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            text = text.length() > OUTPUT_MAX ? text.substring(0, OUTPUT_MAX) + "…" : text;
            if (!ended) {
                throw new DbTaskFailedException("Команда снимка (ksamu.update.snapshot-command) не завершилась за "
                        + settings.snapshotTimeout().toSeconds() + " с и остановлена" + (text.isEmpty() ? "" : ": " + text));
            }
            if (p.exitValue() != 0) {
                throw new DbTaskFailedException("Команда снимка (ksamu.update.snapshot-command) завершилась с кодом "
                        + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** How far a backup not ready at the deadline moves the lock. */
    public Duration postponeStep() {
        return settings.postponeStep();
    }

    private static Connection connect(DatabaseEndpoint e) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password());
        return DriverManager.getConnection(e.url(), p);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
