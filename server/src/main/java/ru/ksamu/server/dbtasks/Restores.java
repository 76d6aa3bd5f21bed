package ru.ksamu.server.dbtasks;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.Durations;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.firebird.FirebirdBackups;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.tasks.TaskDefinition;
import ru.ksamu.server.tasks.TaskService;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.web.ServerProblem;

/**
 * Восстановление из резервной копии (Технические работы, admin): an exclusive unit of the thread
 * manager. The copy is read back first, so a broken file is refused before anyone is warned. For
 * the main base it then behaves as a major update: a countdown to an absolute deadline
 * ({@code ksamu.update.countdown}, cancellable), clients warned and told when the base is locked,
 * restored or not; then, in one critical step, lock, restore, unlock. Another managed database is
 * locked and restored at once. A failure leaves the base as it was ({@link Backups#restore}).
 */
@Component
public class Restores {

    private final Backups backups;
    private final ManagedDatabases databases;
    private final MainBase bases;
    private final Maintenance maintenance;
    private final ThreadManager threads;
    private final TaskService tasks;
    private final Clock clock;
    private final FirebirdBackups firebird;

    Restores(Backups backups, ManagedDatabases databases, MainBase bases, Maintenance maintenance,
             ThreadManager threads, TaskService tasks, Clock clock, FirebirdBackups firebird) {
        this.firebird = firebird;
        this.backups = backups;
        this.databases = databases;
        this.bases = bases;
        this.maintenance = maintenance;
        this.threads = threads;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** The folders that hold backups: the default one and every "Бэкап" task's. */
    List<Path> folders() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(backups.defaultFolder());
        for (TaskDefinition t : tasks.list()) {
            if (BackupTask.KEY.equals(t.type())) {
                out.add(backups.folder(t.options().get(BackupTask.FOLDER)));
            }
        }
        return new ArrayList<>(out);
    }

    /** Every backup in those folders, newest first. */
    public List<BackupFile> all() throws IOException {
        List<BackupFile> out = new ArrayList<>();
        for (Path f : folders()) {
            out.addAll(BackupFile.list(f));
        }
        out.sort(Comparator.comparing(BackupFile::takenAt).thenComparing(BackupFile::name).reversed());
        return out;
    }

    /** Starts restoring {@code database} from the backup named {@code file}; returns the run id. */
    public long start(String database, String file, String who) throws IOException {
        ManagedDatabase db = databases.find(database).orElseThrow(() -> new RestoreRefused(ServerProblem.NO_DATABASE,
                "Базы «" + database + "» нет (есть: " + String.join(", ", databases.all().stream().map(ManagedDatabase::name).toList())
                        + ")", "no such database"));
        Optional<BackupFile> found = all().stream().filter(b -> b.name().equals(file)).findFirst();
        BackupFile backup = found.orElseThrow(() -> new RestoreRefused(ServerProblem.NO_BACKUP, "Резервной копии «" + file
                + "» нет в папках копий", "no such backup"));
        if (!backup.fits(db.kind())) {
            throw new RestoreRefused(ServerProblem.WRONG_KIND, "Копия «" + file + "» не подходит для базы «" + db.title()
                    + "» (" + db.kind() + ")", "the backup does not fit this kind of database");
        }
        String name = "Восстановление «" + db.title() + "» из резервной копии " + backup.name();
        return threads.submit(WorkRequest.exclusiveManual(name, who, work -> restore(db, backup, work))).id();
    }

    private void restore(ManagedDatabase db, BackupFile backup, WorkContext work) throws Exception {
        boolean main = ManagedDatabase.MAIN.equals(db.name());
        work.log(WorkContext.LogLevel.INFO, "Восстановление базы «" + db.title() + "» из резервной копии " + backup.path()
                + (backup.database().equals(db.name()) ? "" : " (копия базы «" + backup.database() + "»)"));
        work.step("Проверка резервной копии " + backup.name());
        work.log(WorkContext.LogLevel.INFO, "Копия прочитана: " + (FirebirdBackups.handles(db)
                ? firebird.verify(db, backup.path(), work)
                : backups.verify(db.kind(), backup.path(), backup.path().getParent(), work)));
        if (main && !countdown(backup, work)) {
            return;
        }
        try {
            work.critical("Восстановление «" + db.title() + "»", () -> {
                if (FirebirdBackups.handles(db)) {
                    firebird.restore(db, backup.path(), work); // its own lock: single-user shutdown
                } else {
                    locked(db, backup, main, work);
                }
                return null;
            });
        } catch (Exception e) {
            if (main) {
                maintenance.failed(Maintenance.Operation.RESTORE, backup.name(), Backups.firstLine(e));
            }
            throw e;
        }
        String lockedFor = main ? Durations.lasted(maintenance.completed(Maintenance.Operation.RESTORE, backup.name()), true)
                : null;
        work.log(WorkContext.LogLevel.INFO, "База «" + db.title() + "» восстановлена из " + backup.name()
                + (main ? ": пользователям предложено перезайти в МИС; база была заблокирована " + lockedFor : ""));
    }

    /** The main base's countdown; false when it was cancelled (nothing was locked). */
    private boolean countdown(BackupFile backup, WorkContext work) throws Exception {
        Instant deadline = maintenance.startCountdown(Maintenance.Operation.RESTORE, backup.name(), work);
        try {
            maintenance.awaitDeadline(deadline, work);
            return true;
        } catch (Maintenance.CountdownCancelled | WorkCancelledException | InterruptedException e) {
            String who = Maintenance.cancelledBy(e);
            maintenance.cancelled(Maintenance.Operation.RESTORE, backup.name(), "отменено (" + who + ")");
            work.log(WorkContext.LogLevel.WARN, "Восстановление отменено до блокировки (" + who + "): база не изменялась");
            return false;
        }
    }

    private void locked(ManagedDatabase db, BackupFile backup, boolean main, WorkContext work) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = bases.connect(db)) {
            work.step("Блокировка «" + db.title() + "»");
            work.log(WorkContext.LogLevel.INFO, bases.lock(db, c));
            Exception failure = null;
            try {
                if (main) {
                    maintenance.locked(Maintenance.Operation.RESTORE, backup.name(), clock.instant());
                }
                backups.restore(db, c, backup, work);
            } catch (Exception e) {
                failure = e;
            }
            failure = bases.unlockAfter(db, c, failure, t0, "", work);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A restore that cannot start (400 / 404 with its code: NO_DATABASE, NO_BACKUP, WRONG_KIND, BAD_REQUEST). */
    public static final class RestoreRefused extends ProblemException {
        RestoreRefused(ServerProblem code, String russian, String english) {
            super(code.problem(russian, english));
        }
    }
}
