package ru.ksamu.server.dbtasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.release.Durations;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.PgTools;
import ru.ksamu.server.firebird.FirebirdBackups;
import ru.ksamu.server.threads.WorkContext;

/**
 * Backups of the managed databases, and their restore.
 * <ul>
 *   <li>H2: {@code SCRIPT TO ... COMPRESSION ZIP} on a live connection (H2 reads the tables while
 *       others keep working); read back by running it into a scratch H2 file database and counting
 *       tables and rows. Restore, under the lock: a safety copy first ({@code SCRIPT TO}), then
 *       {@code DROP ALL OBJECTS} + {@code RUNSCRIPT}; a failure runs the safety copy back in.</li>
 *   <li>PostgreSQL: {@code pg_dump -Fc} (one consistent snapshot, no superuser needed, nobody
 *       waits); read back with {@code pg_restore --list}. Restore, under the lock: the dump turned
 *       into SQL by {@code pg_restore --clean --if-exists --no-owner}, run by {@code psql} in one
 *       transaction after dropping the tables now there: a failure rolls the whole restore back.</li>
 * </ul>
 * A backup is written under a temporary name and renamed only after it was read back, so no half
 * or unreadable file ever carries a backup's name. Backup files are owner-only ({@code rw-------}),
 * and so is a backup folder this class creates.
 */
@Component
class Backups {

    private final MainBase bases;
    private final PgTools pg;
    private final Clock clock;
    private final Path defaultFolder;
    private final FirebirdBackups firebird;

    Backups(MainBase bases, PgTools pg, Clock clock, DataFolder data, FirebirdBackups firebird) {
        this.firebird = firebird;
        this.bases = bases;
        this.pg = pg;
        this.clock = clock;
        this.defaultFolder = data.backups();
    }

    /** {@code <data>/backups}: where backups go when a task names no folder. */
    Path defaultFolder() {
        return defaultFolder;
    }

    /** The task's folder option, or the default one. */
    Path folder(String option) {
        return option == null || option.isBlank() ? defaultFolder : Path.of(option.strip()).toAbsolutePath().normalize();
    }

    /** Backs {@code db} up into {@code folder}; returns the file, already read back. */
    BackupFile backup(ManagedDatabase db, Path folder, WorkContext work) throws Exception {
        OwnerOnly.folder(folder);
        String name = BackupFile.name(db.name(), LocalDateTime.now(clock), db.kind());
        Path target = folder.resolve(name);
        if (Files.exists(target)) {
            throw new DbTaskFailedException("Файл " + target + " уже есть: резервная копия этой секунды уже сделана");
        }
        Path part = folder.resolve("." + name + ".part");
        Files.deleteIfExists(part);
        // Made owner-only before the copy is written into it (pg_dump and H2 keep an existing file's permissions).
        OwnerOnly.newFile(part);
        try {
            work.step("Резервная копия «" + db.title() + "»: запись " + target.getFileName());
            work.progress(10);
            long t0 = System.nanoTime();
            if (FirebirdBackups.handles(db)) {
                firebird.backup(db, part, work); // gbak through the services API, checked below by a scratch restore
            } else if (db.kind() == DatabaseKind.H2) {
                try (Connection c = bases.connect(db); Statement s = c.createStatement()) {
                    s.execute("SCRIPT TO '" + sqlText(part) + "' COMPRESSION ZIP");
                }
            } else {
                pg.run(db.endpoint(), work, "pg_dump", "-Fc", "-f", part.toString(), "--dbname=" + PgTools.libpq(db.endpoint()));
            }
            OwnerOnly.file(part);
            work.log(WorkContext.LogLevel.INFO, "Копия базы «" + db.title() + "» записана: " + Files.size(part) + " байт за "
                    + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true));
            work.progress(60);
            work.step("Проверка резервной копии: чтение " + target.getFileName());
            String verified = FirebirdBackups.handles(db) ? firebird.verify(db, part, work) : verify(db.kind(), part, folder, work);
            work.log(WorkContext.LogLevel.INFO, "Копия прочитана обратно: " + verified);
            AtomicFiles.commit(part, target, true); // flushed first: a backup is worth nothing half on disk
            work.progress(90);
            return BackupFile.of(target).orElseThrow();
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Reads a backup back; returns what it holds, in Russian, or fails saying why it is unreadable. */
    String verify(DatabaseKind kind, Path file, Path scratchParent, WorkContext work) throws Exception {
        if (kind == DatabaseKind.POSTGRESQL) {
            String list = pg.run(null, work, "pg_restore", "--list", file.toString());
            long entries = list.lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
            long data = list.lines().filter(l -> l.contains(" TABLE DATA ")).count();
            if (entries == 0) {
                throw new DbTaskFailedException("Резервная копия " + file.getFileName() + " пуста: в ней нет ни одного объекта");
            }
            return "pg_restore --list: объектов " + entries + ", из них с данными таблиц " + data;
        }
        Path scratch = scratchParent.resolve(".verify-" + UUID.randomUUID());
        Files.createDirectories(scratch);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + scratch.resolve("db"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + sqlText(file) + "' COMPRESSION ZIP");
            work.checkpoint();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
                while (rs.next()) {
                    tables.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
                }
            }
            long rows = 0;
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            s.execute("SHUTDOWN");
            return "восстановлена в проверочную базу H2: таблиц " + tables.size() + ", строк " + rows;
        } catch (SQLException e) {
            throw new DbTaskFailedException("Резервная копия " + file.getFileName() + " не читается: " + firstLine(e), e);
        } finally {
            FileTrees.delete(scratch);
        }
    }

    /**
     * Puts {@code db} back as {@code backup} holds it. The caller holds the lock on {@code own}
     * (inside a critical step); a failure leaves the base as it was and says so.
     */
    void restore(ManagedDatabase db, Connection own, BackupFile backup, WorkContext work) throws Exception {
        if (db.kind() == DatabaseKind.H2) {
            restoreH2(db, own, backup, work);
        } else {
            restorePostgres(db, backup, work);
        }
    }

    private void restoreH2(ManagedDatabase db, Connection own, BackupFile backup, WorkContext work) throws Exception {
        Path safety = backup.path().resolveSibling(".safety-" + db.name() + "-"
                + BackupFile.STAMP.format(LocalDateTime.now(clock)) + ".zip");
        try (Statement s = own.createStatement()) {
            work.step("Страховочная копия «" + db.title() + "»");
            Files.deleteIfExists(safety);
            OwnerOnly.newFile(safety);
            s.execute("SCRIPT TO '" + sqlText(safety) + "' COMPRESSION ZIP");
            work.log(WorkContext.LogLevel.INFO, "Страховочная копия текущего состояния: " + safety + " ("
                    + Files.size(safety) + " байт)");
            work.step("Восстановление «" + db.title() + "» из " + backup.name());
            try {
                s.execute("DROP ALL OBJECTS");
                s.execute("RUNSCRIPT FROM '" + sqlText(backup.path()) + "' COMPRESSION ZIP");
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                work.log(WorkContext.LogLevel.ERROR, "Восстановление не удалось: " + firstLine(e)
                        + "; база возвращается в прежнее состояние из страховочной копии");
                s.execute("DROP ALL OBJECTS");
                s.execute("RUNSCRIPT FROM '" + sqlText(safety) + "' COMPRESSION ZIP");
                s.execute("CHECKPOINT SYNC");
                throw new DbTaskFailedException("Восстановление из " + backup.name() + " не удалось (" + firstLine(e)
                        + "); база «" + db.title() + "» возвращена в прежнее состояние", e);
            }
        }
        Files.deleteIfExists(safety);
    }

    private void restorePostgres(ManagedDatabase db, BackupFile backup, WorkContext work) throws Exception {
        Path sql = Files.createTempFile("ksamu-restore", ".sql");
        Path prelude = Files.createTempFile("ksamu-restore-prelude", ".sql");
        try {
            work.step("Подготовка восстановления «" + db.title() + "» из " + backup.name());
            pg.run(db.endpoint(), work, "pg_restore", "--clean", "--if-exists", "--no-owner", "-f", sql.toString(),
                    backup.path().toString());
            Files.writeString(prelude, DROP_USER_TABLES);
            work.step("Восстановление «" + db.title() + "» из " + backup.name() + " (одна транзакция)");
            pg.run(db.endpoint(), work, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                    "-f", prelude.toString(), "-f", sql.toString(), "--dbname=" + PgTools.libpq(db.endpoint()));
        } catch (DbTaskFailedException e) {
            throw new DbTaskFailedException("Восстановление из " + backup.name() + " не удалось, транзакция откатена:"
                    + " база «" + db.title() + "» не изменилась (" + e.getMessage() + ")", e);
        } finally {
            Files.deleteIfExists(sql);
            Files.deleteIfExists(prelude);
        }
    }

    /**
     * Run first in the restore's transaction: the tables, views and materialized views of every
     * user schema go (a table made after the backup would otherwise stay, or block the dump's
     * {@code DROP SCHEMA}); extensions' own objects stay. The dump then recreates everything.
     */
    private static final String DROP_USER_TABLES = """
            DO $ksamu$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                         AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                         AND d.objid = c.oid AND d.deptype = 'e')
              LOOP
                EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE',
                  CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                 WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.nspname, r.relname);
              END LOOP;
            END
            $ksamu$;
            """;

    static String sqlText(Path p) {
        return p.toString().replace("'", "''");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
