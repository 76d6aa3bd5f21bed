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
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
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

    MajorUpdate(UpdateJournal journal, Maintenance maintenance, MainBase mainBase, MainBaseScripts scripts,
                ClientDistribution clients, InstallationStore installation, Clock clock,
                ObjectProvider<MajorUpdateSteps> steps) {
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
     * The major update, everything already downloaded and verified: the countdown to an absolute
     * deadline (clients and console warned; the admin may cancel), then in one critical section
     * the lock, the backup, the migration, the install, and the unlock. A failure rolls the base
     * back (PostgreSQL: the migration's single transaction; H2: the backup) and unlocks it.
     */
    /**
     * Runs it; true when the new version is installed, false when the countdown was cancelled
     * (nothing was locked). {@code shuttingDown}: a stop of the server is an interruption, not a cancel.
     */
    boolean run(long job, Version version, ReleaseStore.StoredRelease release, WorkContext work,
                BooleanSupplier shuttingDown) throws Exception {
        String v = version.toString();
        Instant deadline = maintenance.startCountdown(Maintenance.Operation.UPDATE, v, work);
        journal.deadline(job, deadline);
        journal.step(job, UpdateJournal.State.COUNTDOWN, "Обратный отсчёт");
        try {
            maintenance.awaitDeadline(deadline, work);
        } catch (Maintenance.CountdownCancelled | WorkCancelledException | InterruptedException e) {
            String who = Maintenance.cancelledBy(e);
            if (shuttingDown.getAsBoolean()) {
                throw e;
            }
            maintenance.cancelled(Maintenance.Operation.UPDATE, v, "отменено (" + who + ")");
            journal.finish(job, UpdateJournal.State.CANCELLED, "Отменено", "Обратный отсчёт отменён (" + who
                    + "); база данных не блокировалась");
            work.log(WorkContext.LogLevel.WARN, "Обновление до " + v + " отменено до блокировки (" + who + ")");
            return false;
        }
        steps.reached(Step.AFTER_COUNTDOWN, work);
        work.critical("Мажорное обновление до " + v, () -> {
            locked(job, version, release, work);
            return null;
        });
        return true;
    }

    private void locked(long job, Version version, ReleaseStore.StoredRelease release, WorkContext work) throws Exception {
        String v = version.toString();
        long lockedAt = System.nanoTime();
        long migrationNanos = 0;
        try (Connection c = mainBase.connect()) {
            Path backup = null;
            boolean migrated = false;
            Exception failure = null;
            try {
                work.step("Блокировка главной базы");
                String line = mainBase.lock(c);
                journal.step(job, UpdateJournal.State.LOCKED, "БД заблокирована");
                maintenance.locked(Maintenance.Operation.UPDATE, v, clock.instant());
                work.log(WorkContext.LogLevel.INFO, line);
                steps.reached(Step.AFTER_LOCK, work);
                work.step("Резервная копия главной базы");
                steps.reached(Step.DURING_BACKUP, work);
                List<String> said = new ArrayList<>();
                backup = mainBase.backup(c, v, said, work);
                said.forEach(m -> work.log(WorkContext.LogLevel.INFO, m));
                if (backup != null) {
                    journal.backupPath(job, backup.toString());
                }
                work.step("Миграция главной базы");
                journal.step(job, UpdateJournal.State.MIGRATING, "Миграция БД");
                long m0 = System.nanoTime();
                int ran = scripts.migrate(release.manifest(), c, () -> duringMigration(work));
                migrationNanos = System.nanoTime() - m0;
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
                rollBack(c, backup, migrated, work);
                failure = e;
            }
            failure = mainBase.unlockAfter(mainBase.main(), c, failure, lockedAt,
                    ", из них миграция " + Durations.lasted(Duration.ofNanos(migrationNanos), true), work);
            if (failure != null) {
                throw failure;
            }
        } catch (Exception e) {
            maintenance.failed(Maintenance.Operation.UPDATE, v, UpdateEngine.describe(e));
            throw e;
        }
        String lockedFor = Durations.lasted(maintenance.completed(Maintenance.Operation.UPDATE, v), true);
        journal.finish(job, UpdateJournal.State.DONE, "Готово",
                "Установлена версия " + v + "; база была заблокирована " + lockedFor);
        work.log(WorkContext.LogLevel.INFO, "Установлена версия " + v + ": пользователям предложено перезайти в МИС;"
                + " база была заблокирована " + lockedFor);
    }

    /** Puts the base back as it was before the migration (H2 from the backup; PostgreSQL rolled back itself). */
    private void rollBack(Connection c, Path backup, boolean migrated, WorkContext work) {
        try {
            if (mainBase.kind() == DatabaseKind.H2) {
                if (backup != null) {
                    mainBase.restoreH2(c, backup);
                    work.log(WorkContext.LogLevel.WARN, "Главная база восстановлена из резервной копии " + backup);
                } else {
                    work.log(WorkContext.LogLevel.ERROR, "Резервной копии нет: главная база H2 оставлена как есть");
                }
            } else if (!migrated) {
                work.log(WorkContext.LogLevel.WARN, "Транзакция миграции откатена: главная база PostgreSQL не изменена");
            } else {
                work.log(WorkContext.LogLevel.ERROR, "Миграция PostgreSQL уже зафиксирована, установка не завершена:"
                        + " повторите обновление; резервная копия — в папке backups");
            }
        } catch (Exception e) {
            work.log(WorkContext.LogLevel.ERROR, "Откат не удался: " + UpdateEngine.describe(e));
        }
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
                if (mainBase.kind() == DatabaseKind.H2 && j.backupPath() != null
                        && Files.isRegularFile(Path.of(j.backupPath()))) {
                    try (Connection c = mainBase.connect()) {
                        mainBase.lock(c);
                        try {
                            mainBase.restoreH2(c, Path.of(j.backupPath()));
                        } finally {
                            mainBase.release(c);
                        }
                    }
                    how = "главная база восстановлена из резервной копии " + j.backupPath();
                } else {
                    how = mainBase.kind() == DatabaseKind.POSTGRESQL
                            ? "транзакция миграции откатена PostgreSQL, блокировка снята"
                            : "миграция не начиналась";
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
