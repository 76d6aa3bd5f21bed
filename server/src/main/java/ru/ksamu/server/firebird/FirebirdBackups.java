package ru.ksamu.server.firebird;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.firebirdsql.gds.ISCConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.release.Durations;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.threads.WorkContext;

/**
 * Backups of Firebird / RedDatabase bases through the services API (gbak), and their restore.
 * <ul>
 *   <li>Backup: gbak streamed into the backup file by this server (so the file lands in the same
 *       folder, under the same name scheme and permissions as the H2 and PostgreSQL backups), while
 *       the clinic works; then checked by restoring it into a scratch base on the Firebird server,
 *       which is dropped afterwards.</li>
 *   <li>Restore over the base, under its lock: the base is shut down to single-user mode (new
 *       attachments refused, present ones cut off after {@code ksamu.firebird.shutdown-wait}), a
 *       safety backup of its present state is taken, then gbak replaces it; a failure restores the
 *       safety backup. The restored base comes back online.</li>
 * </ul>
 * Firebird cannot stop a services call half-way from this side: the stop checks
 * ({@link WorkContext#checkpoint}) are between the steps.
 */
@Component
public class FirebirdBackups {

    private static final Logger log = LoggerFactory.getLogger(FirebirdBackups.class);

    private final FirebirdServices services;
    private final FirebirdSettings settings;
    private final ManagedDatabases databases;
    /** {@code <data>/firebird-locks/<database>}: a restore's lock is on, so a crash meanwhile is undone at the next start. */
    private final Path locks;

    FirebirdBackups(FirebirdServices services, FirebirdSettings settings, ManagedDatabases databases, DataFolder data) {
        this.services = services;
        this.settings = settings;
        this.databases = databases;
        this.locks = data.root().resolve("firebird-locks");
        // A Firebird base's URL the services API cannot use stops start-up naming its key, not a night's task.
        List<String> bases = databases.all().stream().filter(FirebirdBackups::handles).map(db -> FirebirdBase.of(db).toString()).toList();
        if (!bases.isEmpty()) {
            log.info("Firebird/RedDatabase bases {}: connect timeout {}, services timeout {}, restore shutdown wait {}, scratch folder {}",
                    bases, settings.connectTimeout(), settings.serviceTimeout(), settings.shutdownWait(),
                    settings.scratchFolder().isEmpty() ? "(each base's own)" : settings.scratchFolder());
        }
    }

    /** Whether the database is one of ours. */
    public static boolean handles(ManagedDatabase db) {
        return db.kind() == DatabaseKind.FIREBIRD;
    }

    /** gbak of {@code db} into {@code file} (made owner-only by the caller); returns its size. */
    public long backup(ManagedDatabase db, Path file, WorkContext work) throws Exception {
        FirebirdBase base = FirebirdBase.of(db);
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            services.backup(base, out);
        } catch (SQLException e) {
            throw FirebirdFailures.explain(base, "Резервная копия не сделана", e);
        }
        long size = Files.size(file);
        work.log(WorkContext.LogLevel.INFO, "gbak: копия базы «" + db.title() + "» (" + base + ") получена через"
                + " сервисы Firebird: " + size + " байт за " + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true));
        if (size == 0) {
            throw new DbTaskFailedException("gbak вернул пустую копию базы «" + db.title() + "»");
        }
        return size;
    }

    /**
     * Restores {@code file} into a scratch base beside {@code db} (or in
     * {@code ksamu.firebird.scratch-folder}) and drops it; returns what the check saw, or fails
     * saying why the copy does not restore.
     */
    public String verify(ManagedDatabase db, Path file, WorkContext work) throws Exception {
        FirebirdBase base = FirebirdBase.of(db);
        String folder = settings.scratchFolder().isEmpty() ? base.folderOfPath()
                : settings.scratchFolder().replaceAll("[/\\\\]+$", "") + "/";
        String scratch = folder + "ksamu-verify-" + UUID.randomUUID() + ".fdb";
        work.checkpoint();
        work.step("Проверка копии: восстановление в проверочную базу " + scratch);
        LogLines gbak = new LogLines(line -> { });
        long t0 = System.nanoTime();
        boolean created = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            created = true; // a failed restore may leave a half file: drop it in any case
            services.restore(base, in, scratch, false, gbak);
        } catch (SQLException e) {
            throw new DbTaskFailedException("Резервная копия " + file.getFileName() + " не восстанавливается: "
                    + FirebirdFailures.serverWords(e) + tail(gbak), e);
        } finally {
            if (created) {
                dropQuietly(base, scratch, work);
            }
        }
        return "восстановлена в проверочную базу Firebird и удалена: строк вывода gbak " + gbak.count() + " за "
                + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true);
    }

    /**
     * Puts {@code db} back as {@code file} holds it, under the base's lock; the caller has checked
     * the copy ({@link #verify}) and runs this in a critical step. A failure leaves the base as it
     * was (from the safety copy) and online.
     */
    public void restore(ManagedDatabase db, Path file, WorkContext work) throws Exception {
        FirebirdBase base = FirebirdBase.of(db);
        Path safety = file.resolveSibling(".safety-" + db.name() + "-" + UUID.randomUUID() + ".fbk");
        work.step("Блокировка «" + db.title() + "»");
        Files.createDirectories(locks);
        Path mark = locks.resolve(db.name());
        Files.writeString(mark, base.toString());
        try {
            services.shutdown(base);
        } catch (SQLException e) {
            Files.deleteIfExists(mark);
            throw FirebirdFailures.explain(base, "Восстановление не начато, база не изменялась", e);
        }
        work.log(WorkContext.LogLevel.INFO, "База «" + db.title() + "» заблокирована: выключена в однопользовательский режим"
                + " (новые подключения отклоняются, прежние завершены не позже чем через "
                + Durations.lasted(settings.shutdownWait(), true) + ")");
        try {
            work.step("Страховочная копия «" + db.title() + "»");
            Files.deleteIfExists(safety);
            OwnerOnly.newFile(safety);
            backup(db, safety, work);
            work.step("Восстановление «" + db.title() + "» из " + file.getFileName());
            LogLines gbak = new LogLines(line -> work.log(WorkContext.LogLevel.INFO, "gbak: " + line));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                services.restore(base, in, base.path(), true, gbak);
            } catch (SQLException e) {
                work.log(WorkContext.LogLevel.ERROR, "Восстановление не удалось: " + FirebirdFailures.serverWords(e)
                        + "; база возвращается в прежнее состояние из страховочной копии");
                try (InputStream in = new BufferedInputStream(Files.newInputStream(safety), 1 << 16)) {
                    services.restore(base, in, base.path(), true, new LogLines(line -> { }));
                }
                throw new DbTaskFailedException("Восстановление из " + file.getFileName() + " не удалось ("
                        + FirebirdFailures.serverWords(e) + "); база «" + db.title() + "» возвращена в прежнее состояние", e);
            }
            Files.deleteIfExists(safety);
        } finally {
            if (online(base, db, work)) {
                Files.deleteIfExists(mark);
            }
        }
    }

    /**
     * At start: a base a restore had locked when the server stopped (its mark is still there) is
     * brought back online; a base the server cannot reach keeps its mark for the next start.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onlineLeftovers() {
        for (ManagedDatabase db : databases.all()) {
            Path mark = locks.resolve(db.name());
            if (!handles(db) || !Files.exists(mark)) {
                continue;
            }
            FirebirdBase base = FirebirdBase.of(db);
            try {
                services.online(base);
                log.info("The Firebird base {} ({}) was left shut down by a restore the server's stop cut short: back online",
                        db.name(), base);
            } catch (SQLException e) {
                if (!isOnlineAlready(e)) {
                    log.warn("Cannot bring the Firebird base {} ({}) back online after an interrupted restore: {}", db.name(), base,
                            e.toString());
                    continue;
                }
            }
            try {
                Files.deleteIfExists(mark);
            } catch (IOException e) {
                log.warn("Cannot remove the restore mark {}: {}", mark, e.toString());
            }
        }
    }

    /** gbak leaves a restored base online; after a failure before the restore, it is brought back here. */
    private boolean online(FirebirdBase base, ManagedDatabase db, WorkContext work) {
        try {
            services.online(base);
        } catch (SQLException e) {
            if (!isOnlineAlready(e)) {
                work.log(WorkContext.LogLevel.ERROR, "База «" + db.title() + "» не возвращена в работу: "
                        + FirebirdFailures.serverWords(e) + "; верните её командой gfix -online (при следующем запуске"
                        + " сервер попробует сам)");
                return false;
            }
        }
        work.log(WorkContext.LogLevel.INFO, "Блокировка «" + db.title() + "» снята: база снова в работе");
        return true;
    }

    /** Firebird's answer to "online" for a base that is not shut down (a restored base comes up online). */
    private static boolean isOnlineAlready(SQLException e) {
        return FirebirdFailures.has(e, ISCConstants.isc_bad_shutdown_mode); // "Target shutdown mode is invalid"
    }

    private void dropQuietly(FirebirdBase base, String path, WorkContext work) {
        try {
            services.drop(base, path);
        } catch (Exception e) {
            if (!(e instanceof SQLException s && FirebirdFailures.has(s, ISCConstants.isc_io_error))) {
                work.log(WorkContext.LogLevel.WARN, "Проверочная база " + path + " не удалена: " + e.getMessage());
            }
        }
    }

    private static String tail(LogLines gbak) {
        var lines = gbak.lines();
        return lines.isEmpty() ? "" : " (gbak: " + lines.get(lines.size() - 1) + ")";
    }
}
