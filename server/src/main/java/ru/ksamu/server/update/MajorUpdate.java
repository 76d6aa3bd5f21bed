package ru.ksamu.server.update;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.release.Durations;
import ru.ksamu.release.Version;
import ru.ksamu.server.clients.ClientDistribution;
import ru.ksamu.server.databases.BackupMode;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.databases.RecoveryPoints;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.update.MajorUpdateSteps.Step;

/**
 * The major update, after {@link UpdateEngine} has everything downloaded and verified: the
 * countdown, then under the lock the backup, the migration and the install; and, at start, a major
 * update a crash cut short finished or rolled back ({@link #recover}).
 */
@Component
class MajorUpdate {

    private static final Logger log = LoggerFactory.getLogger(MajorUpdate.class);

    private final UpdateJournal journal;
    private final Maintenance maintenance;
    private final MainBase mainBase;
    private final MainBaseScripts scripts;
    private final ClientDistribution clients;
    private final InstallationStore installation;
    private final Clock clock;
    private final MajorUpdateSteps steps;
    private final RecoveryPoints points;
    private final MajorUpdateBackup backups;

    MajorUpdate(UpdateJournal journal, Maintenance maintenance, MainBase mainBase, MainBaseScripts scripts,
                ClientDistribution clients, InstallationStore installation, Clock clock,
                ObjectProvider<MajorUpdateSteps> steps, RecoveryPoints points, MajorUpdateBackup backups) {
        this.points = points;
        this.backups = backups;
        this.journal = journal;
        this.maintenance = maintenance;
        this.mainBase = mainBase;
        this.scripts = scripts;
        this.clients = clients;
        this.installation = installation;
        this.clock = clock;
        // Only the crash tests supply steps (a server never has the bean).
        this.steps = steps.getIfAvailable(() -> MajorUpdateSteps.NONE);
    }

    /**
     * The major update, everything already downloaded and verified: the recovery point's mode
     * decided ({@code ksamu.update.backup}), the countdown to an absolute deadline (clients and
     * console warned; the admin may cancel; a before-countdown backup runs meanwhile and the lock
     * waits for it), then in one critical section the lock, the recovery point, the migration, the
     * install, and the unlock. A failure rolls the base back (PostgreSQL: the migration's single
     * transaction; H2: a backup that holds everything) and unlocks it, or, on H2 when no backup
     * holds the countdown's changes, keeps it locked for the admin.
     * Returns true when the new version is installed, false when the countdown was cancelled
     * (nothing was locked). {@code shuttingDown}: a stop of the server is an interruption, not a cancel.
     */
    boolean run(long job, Version version, ReleaseStore.StoredRelease release, WorkContext work,
                BooleanSupplier shuttingDown) throws Exception {
        String v = version.toString();
        RecoveryPoints.Plan plan;
        try (Connection c = mainBase.connect()) {
            plan = points.plan(c);
        } catch (DbTaskFailedException refused) {
            // the job fails (UpdateEngine journals it) before any countdown, in the refusal's own words
            throw new UpdateFailedException(refused.getMessage(), refused);
        }
        journal.backupMode(job, plan.mode().key());
        work.log(WorkContext.LogLevel.INFO, "Точка восстановления главной базы: " + plan.why());
        Instant deadline = maintenance.startCountdown(Maintenance.Operation.UPDATE, v, work);
        journal.deadline(job, deadline);
        journal.step(job, UpdateJournal.State.COUNTDOWN, "Обратный отсчёт");
        MajorUpdateBackup.Pending pending = plan.mode() == BackupMode.BEFORE_COUNTDOWN ? backups.start(v, work) : null;
        RecoveryPoints.Backup backup = null;
        try {
            maintenance.awaitDeadline(deadline, work);
            if (pending != null) {
                backup = pending.ready(job, v, deadline, work);
            }
        } catch (Maintenance.CountdownCancelled | WorkCancelledException | InterruptedException e) {
            String who = Maintenance.cancelledBy(e);
            if (pending != null) {
                pending.abandon(who);
            }
            if (shuttingDown.getAsBoolean()) {
                throw e;
            }
            maintenance.cancelled(Maintenance.Operation.UPDATE, v, "отменено (" + who + ")");
            journal.finish(job, UpdateJournal.State.CANCELLED, "Отменено", "Обратный отсчёт отменён (" + who
                    + "); база данных не блокировалась");
            work.log(WorkContext.LogLevel.WARN, "Обновление до " + v + " отменено до блокировки (" + who + ")");
            return false;
        } catch (Exception backupFailed) {
            maintenance.failed(Maintenance.Operation.UPDATE, v, "резервная копия не создана");
            throw new UpdateFailedException("Резервная копия главной базы не создана: " + UpdateEngine.describe(backupFailed)
                    + "; база данных не блокировалась", backupFailed);
        }
        steps.reached(Step.AFTER_COUNTDOWN, work);
        RecoveryPoints.Backup taken = backup;
        try (taken) {
            work.critical("Мажорное обновление до " + v, () -> {
                locked(job, version, release, work, plan.mode(), taken);
                return null;
            });
        }
        return true;
    }

    /** What the lock window held: the recovery point's time and the migration's. */
    private static final class Window {
        final long lockedAt = System.nanoTime();
        long migrationNanos;
        long recoveryNanos;

        String detail() {
            return ", из них миграция " + Durations.lasted(Duration.ofNanos(migrationNanos), true)
                    + ", точка восстановления " + Durations.lasted(Duration.ofNanos(recoveryNanos), true);
        }
    }

    private void locked(long job, Version version, ReleaseStore.StoredRelease release, WorkContext work, BackupMode mode,
                        RecoveryPoints.Backup before) throws Exception {
        String v = version.toString();
        Window window = new Window();
        String held = null;
        try (Connection c = mainBase.connect()) {
            Path backup = null;
            boolean migrated = false;
            boolean current = false;
            Exception failure = null;
            try {
                work.step("Блокировка главной базы");
                if (before != null) {
                    // Its connection kept the H2 store (and its write counter) open until this one was;
                    // it must go before the lock: a session other than the exclusive one waits forever.
                    before.close();
                }
                String line = mainBase.lock(c);
                if (before != null && mainBase.kind() == DatabaseKind.H2) {
                    current = points.unchangedSince(c, before);
                    journal.backupCurrent(job, current);
                }
                journal.step(job, UpdateJournal.State.LOCKED, "БД заблокирована");
                maintenance.locked(Maintenance.Operation.UPDATE, v, clock.instant());
                work.log(WorkContext.LogLevel.INFO, line);
                steps.reached(Step.AFTER_LOCK, work);
                work.step("Точка восстановления главной базы");
                steps.reached(Step.DURING_BACKUP, work);
                long r0 = System.nanoTime();
                backup = recoveryPoint(c, job, v, mode, before, current, work);
                window.recoveryNanos = System.nanoTime() - r0;
                work.step("Миграция главной базы");
                journal.step(job, UpdateJournal.State.MIGRATING, "Миграция БД");
                long m0 = System.nanoTime();
                int ran = scripts.migrate(release.manifest(), c, () -> duringMigration(work));
                window.migrationNanos = System.nanoTime() - m0;
                mainBase.flush(c);
                migrated = true;
                journal.step(job, UpdateJournal.State.MIGRATED, "Миграция выполнена");
                work.log(WorkContext.LogLevel.INFO, "Скрипты БД выполнены: " + ran);
                steps.reached(Step.AFTER_MIGRATION, work);
                work.step("Установка клиента и сервера " + v);
                journal.step(job, UpdateJournal.State.INSTALLING, "Установка");
                steps.reached(Step.DURING_INSTALL, work);
                clients.install(version);
                installation.recordInstalled(version);
                steps.reached(Step.BEFORE_UNLOCK, work);
            } catch (Exception e) {
                work.log(WorkContext.LogLevel.ERROR, "Мажорное обновление до " + v + " не удалось: " + UpdateEngine.describe(e));
                held = rollBack(c, mode, backup, before, current, migrated, work);
                failure = e;
            }
            failure = mainBase.unlockAfter(mainBase.main(), c, failure, window.lockedAt, window.detail(), work);
            journal.lockWindow(job, (System.nanoTime() - window.lockedAt) / 1_000_000, window.migrationNanos / 1_000_000,
                    window.recoveryNanos / 1_000_000);
            if (failure != null) {
                throw failure;
            }
        } catch (Exception e) {
            if (held != null) {
                maintenance.held(Maintenance.Operation.UPDATE, v, held);
                throw new UpdateFailedException(UpdateEngine.describe(e) + ". " + held, e);
            }
            maintenance.failed(Maintenance.Operation.UPDATE, v, UpdateEngine.describe(e));
            throw e;
        }
        String lockedFor = Durations.lasted(maintenance.completed(Maintenance.Operation.UPDATE, v), true);
        journal.finish(job, UpdateJournal.State.DONE, "Готово",
                "Установлена версия " + v + "; база была заблокирована " + lockedFor + window.detail());
        work.log(WorkContext.LogLevel.INFO, "Установлена версия " + v + ": пользователям предложено перезайти в МИС;"
                + " база была заблокирована " + lockedFor);
    }

    /**
     * Under the lock, the recovery point of {@code mode}; journalled with what a DBA needs. Returns
     * the under-lock backup's file (what a failure restores on H2), else null.
     */
    private Path recoveryPoint(Connection c, long job, String v, BackupMode mode, RecoveryPoints.Backup before,
                               boolean current, WorkContext work) throws Exception {
        String name = "ksamu-" + v + "-" + job;
        String said;
        Path backup = null;
        switch (mode) {
            case RESTORE_POINT -> said = points.restorePoint(c, name).describe();
            case SNAPSHOT -> {
                mainBase.flush(c); // H2: every commit in the file before the snapshot
                String out = points.snapshot(name, v);
                said = "снимок «" + name + "» (ksamu.update.snapshot-command)" + (out.isEmpty() ? "" : "; вывод команды: " + out);
            }
            case UNDER_LOCK -> {
                List<String> lines = new ArrayList<>();
                backup = mainBase.backup(c, v, lines, work);
                if (backup != null) {
                    journal.backupPath(job, backup.toString());
                }
                said = "резервная копия под блокировкой: " + String.join("; ", lines);
            }
            case BEFORE_COUNTDOWN -> said = "резервная копия до обратного отсчёта " + before.path() + " (снята "
                    + Times.shown(before.takenAt(), clock.getZone()) + "; изменения, внесённые во время обратного отсчёта,"
                    + " в неё не входят" + (mainBase.kind() == DatabaseKind.H2 ? (current
                    ? ", но после неё в базу ничего не записывалось" : "; после неё в базу записывали") : "") + ")";
            default -> said = mainBase.kind() == DatabaseKind.POSTGRESQL
                    ? "нет (ksamu.update.backup=off): защита — транзакция миграции PostgreSQL"
                    : "нет (ksamu.update.backup=off): неудачную миграцию H2 откатить будет нечем";
        }
        journal.recoveryPoint(job, said);
        work.log(WorkContext.LogLevel.INFO, "Точка восстановления: " + said);
        return backup;
    }

    /**
     * Puts the base back as it was before the migration (H2 from a backup that holds everything;
     * PostgreSQL rolled back itself). Returns, in Russian, why the base stays locked for the admin
     * (H2 with no such backup and a partly applied migration), or null.
     */
    private String rollBack(Connection c, BackupMode mode, Path backup, RecoveryPoints.Backup before, boolean current,
                            boolean migrated, WorkContext work) {
        try {
            if (mainBase.kind() == DatabaseKind.H2) {
                if (backup != null) {
                    mainBase.restoreH2(c, backup);
                    work.log(WorkContext.LogLevel.WARN, "Главная база восстановлена из резервной копии " + backup);
                } else if (before != null && current) {
                    points.restoreH2Backup(c, before.path());
                    work.log(WorkContext.LogLevel.WARN, "Главная база восстановлена из резервной копии " + before.path()
                            + " (после неё в базу ничего не записывалось: ничего не потеряно)");
                } else if (mode == BackupMode.OFF) {
                    work.log(WorkContext.LogLevel.ERROR, "Резервной копии нет (ksamu.update.backup=off): главная база H2 оставлена как есть");
                } else {
                    String why = heldReason(mode, before == null ? null : before.path().toString());
                    work.log(WorkContext.LogLevel.ERROR, why);
                    return why;
                }
            } else if (!migrated) {
                work.log(WorkContext.LogLevel.WARN, "Транзакция миграции откатена: главная база PostgreSQL не изменена");
            } else {
                work.log(WorkContext.LogLevel.ERROR, "Миграция PostgreSQL уже зафиксирована, установка не завершена:"
                        + " повторите обновление; точка восстановления — в журнале обновлений");
            }
        } catch (Exception e) {
            work.log(WorkContext.LogLevel.ERROR, "Откат не удался: " + UpdateEngine.describe(e));
        }
        return null;
    }

    /**
     * H2's DDL is not transactional: a failed migration may be partly applied, and a backup taken
     * before the countdown lacks what users wrote during it. Neither is chosen for the admin.
     */
    private static String heldReason(BackupMode mode, String backup) {
        String from = mode == BackupMode.SNAPSHOT ? "восстановите снимок (ksamu.update.snapshot-command)"
                : "распакуйте резервную копию " + backup + " на место файла главной базы (изменения, внесённые во время"
                + " обратного отсчёта, будут потеряны)";
        return "Миграция главной базы H2 могла примениться частично, а резервная копия не содержит изменений обратного"
                + " отсчёта: база оставлена заблокированной для МИС. Остановите сервер и либо " + from
                + ", либо исправьте базу вручную; после запуска сервера блокировка снята";
    }

    /** Between two scripts of the migration, inside its transaction (Flyway's callback cannot throw checked exceptions). */
    private void duringMigration(WorkContext work) {
        try {
            steps.reached(Step.DURING_MIGRATION, work);
        } catch (InterruptedException e) {
            // The flag stays set for the code above; the migration fails and is rolled back.
            Thread.currentThread().interrupt();
            throw new UpdateFailedException("Миграция главной базы прервана", e);
        }
    }

    /**
     * A major update a crash cut after its countdown began. Before the migration is recorded as
     * done, the base goes back to where it was (PostgreSQL: the crash rolled the transaction back;
     * H2: the backup, if one was taken) and the version stays; after it, the install is finished.
     * Runs before the server serves clients; the base is unlocked either way.
     */
    void recover(UpdateJournal.Job j, Version v) {
        UpdateJournal.State st = j.state();
        try {
            if (st == UpdateJournal.State.MIGRATED || st == UpdateJournal.State.INSTALLING) {
                clients.install(v);
                installation.recordInstalled(v);
                journal.finish(j.id(), UpdateJournal.State.DONE, "Готово", "Установлена версия " + v
                        + " (установка завершена после перезапуска сервера)");
                log.info("Finished the major update to {} after a restart (job #{})", v, j.id());
                return;
            }
            String how = "база данных не блокировалась";
            if (st == UpdateJournal.State.LOCKED || st == UpdateJournal.State.MIGRATING) {
                boolean h2 = mainBase.kind() == DatabaseKind.H2;
                boolean sqlBackup = j.backupPath() != null && j.backupPath().endsWith(".sql") && Files.isRegularFile(Path.of(j.backupPath()));
                boolean wholeZip = j.backupPath() != null && j.backupPath().endsWith(".zip") && Boolean.TRUE.equals(j.backupCurrent())
                        && Files.isRegularFile(Path.of(j.backupPath()));
                if (h2 && (sqlBackup || wholeZip)) {
                    try (Connection c = mainBase.connect()) {
                        mainBase.lock(c);
                        try {
                            if (sqlBackup) {
                                mainBase.restoreH2(c, Path.of(j.backupPath()));
                            } else {
                                points.restoreH2Backup(c, Path.of(j.backupPath()));
                            }
                        } finally {
                            mainBase.release(c);
                        }
                    }
                    how = "главная база восстановлена из резервной копии " + j.backupPath();
                } else if (h2 && !"off".equals(j.backupMode()) && j.backupMode() != null && !"under-lock".equals(j.backupMode())) {
                    String why = heldReason("snapshot".equals(j.backupMode()) ? BackupMode.SNAPSHOT : BackupMode.BEFORE_COUNTDOWN,
                            j.backupPath());
                    maintenance.held(Maintenance.Operation.UPDATE, v.toString(), why);
                    journal.finish(j.id(), UpdateJournal.State.FAILED, "Прервано", "Мажорное обновление до " + v
                            + " было прервано остановкой сервера. " + why);
                    log.error("The major update to {} was cut in state {}; the H2 main base stays locked for the admin", v, st);
                    return;
                } else if (!h2) {
                    how = "транзакция миграции откатена PostgreSQL, блокировка снята";
                } else if (st == UpdateJournal.State.MIGRATING) {
                    // H2's DDL is not transactional: what ran before the crash stays; there is nothing to restore from
                    how = "миграция H2 была прервана на середине, а резервной копии для отката нет"
                            + ("off".equals(j.backupMode()) ? " (ksamu.update.backup=off)" : "")
                            + ": главная база H2 оставлена как есть";
                } else {
                    how = "миграция не начиналась";
                }
            }
            journal.finish(j.id(), UpdateJournal.State.FAILED, "Прервано", "Мажорное обновление до " + v
                    + " было прервано остановкой сервера: " + how + "; установлена прежняя версия");
            log.warn("The major update to {} was cut by a stop of the server in state {}: {}", v, st, how);
        } catch (Exception e) {
            journal.finish(j.id(), UpdateJournal.State.FAILED, "Прервано", "Мажорное обновление до " + v
                    + " прервано; восстановление не удалось: " + UpdateEngine.describe(e));
            log.error("Cannot recover the major update to {} (job #{})", v, j.id(), e);
        }
    }
}
