package ru.ksamu.server.update;

import java.io.IOException;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.UpdateKind;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.server.clients.ClientDistribution;
import ru.ksamu.server.clients.ClientEvents;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.text.Plurals;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.web.ServerProblem;

/**
 * Brings a release in: check the channel's signed feed and pick the target → keep its signed
 * manifest → download what is missing (resumable, every hash verified) → classify with
 * {@link UpdateKind} → install. A MINOR update switches the client distribution and tells the
 * connected clients; nothing is locked. The very first install also runs the release's DB
 * scripts (no client can be working yet). A MAJOR update counts down, locks the main base,
 * backs it up, migrates, installs and unlocks ({@link MajorUpdate}).
 * Every step is in the journal; an update a crash interrupted is resumed on the next start.
 */
@Component
public class UpdateEngine implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UpdateEngine.class);
    public static final String TEST_UPDATE_NAME = "Выполнить обновление из тестового репозитория";

    private final UpdateChecker checker;
    private final ReleaseDownloader downloader;
    private final ReleaseStore store;
    private final PinnedKeys keys;
    private final ClientDistribution clients;
    private final ClientEvents events;
    private final UpdateJournal journal;
    private final InstallationStore installation;
    private final MainBaseScripts scripts;
    private final ThreadManager threads;
    private final MainBase mainBase;
    private final Maintenance maintenance;
    private final MajorUpdate major;
    private final ReleaseImport imports;
    private volatile boolean shuttingDown;

    UpdateEngine(UpdateChecker checker, ReleaseDownloader downloader, ReleaseStore store, PinnedKeys keys,
                 ClientDistribution clients, ClientEvents events, UpdateJournal journal, InstallationStore installation,
                 MainBaseScripts scripts, ThreadManager threads, MainBase mainBase, Maintenance maintenance,
                 MajorUpdate major, ReleaseImport imports) {
        this.imports = imports;
        this.mainBase = mainBase;
        this.maintenance = maintenance;
        this.major = major;
        this.checker = checker;
        this.downloader = downloader;
        this.store = store;
        this.keys = keys;
        this.clients = clients;
        this.events = events;
        this.journal = journal;
        this.installation = installation;
        this.scripts = scripts;
        this.threads = threads;
    }

    /** One update run inside a thread-manager unit: the scheduled task (stable) or the manual test update. */
    public void update(Channel channel, boolean ignoreRegions, String who, WorkContext work) throws Exception {
        work.step("Проверка облака: " + channel.russianName() + " канал");
        UpdateChecker.Checked checked = checker.checkAndPick(channel, ignoreRegions);
        if (!Boolean.TRUE.equals(checked.state().ok())) {
            throw new UpdateFailedException("Проверка облака не удалась: " + checked.state().message());
        }
        if (checked.target().isEmpty()) {
            work.log(WorkContext.LogLevel.INFO, checked.state().message() + " (" + channel.russianName() + " канал)");
            return;
        }
        FeedRelease target = checked.target().get();
        Optional<Version> installed = installation.get().installedVersion();
        UpdateKind kind = UpdateKind.of(installed, target.version());
        boolean first = installed.isEmpty();
        work.log(WorkContext.LogLevel.INFO, "Найдена версия " + target.version() + " (" + channel.russianName()
                + " канал): " + describe(kind, first) + (target.notes().isBlank() ? "" : ". Изменения: " + target.notes()));
        store.saveRelease(target.version(), target.manifestBytes(), target.manifestSignature());
        Mode mode = first ? Mode.FIRST : kind == UpdateKind.MINOR ? Mode.MINOR : Mode.MAJOR;
        long job = journal.begin(target.version(), installed, channel, mode.name(),
                UpdateJournal.State.DOWNLOADING, "Загрузка файлов", who);
        carryOut(job, target.version(), mode, work);
    }

    /** What "Установить версию X из файла" is called in the thread manager and the run log. */
    public static String fileInstallName(Version version) {
        return "Установить версию " + version + " из файла";
    }

    /**
     * Установить версию X из файла: a release brought in by {@link ReleaseImport} is installed by
     * hand as a test release is (an exclusive unit; a major one with the countdown and the lock, a
     * minor one without, the first install with the DB scripts), without asking the hub: every
     * file is already in the store. The journal records the source "file".
     *
     * @throws UpdateBusyException      when this install already runs or waits
     * @throws ProblemException         ({@code RELEASE_REFUSED}) when the version is not imported or not newer than the installed one
     */
    public synchronized long installFromFile(Version version, String who) {
        String name = fileInstallName(version);
        boolean running = threads.list().stream().anyMatch(w -> name.equals(w.name()) && !w.state().finished());
        if (running) {
            throw new UpdateBusyException();
        }
        if (store.release(version).isEmpty() || !imports.waiting(Optional.empty()).containsKey(version)) {
            throw new ProblemException(ServerProblem.RELEASE_REFUSED.problem(
                    "Версия " + version + " не импортирована из файла на этот сервер",
                    "version " + version + " has not been imported from a file on this server"));
        }
        Optional<Version> installed = installation.get().installedVersion();
        if (installed.isPresent() && !version.isNewerThan(installed.get())) {
            throw new ProblemException(ServerProblem.RELEASE_REFUSED.problem(
                    "Версия " + version + " не новее установленной " + installed.get(),
                    "version " + version + " is not newer than the installed " + installed.get()));
        }
        return threads.submit(WorkRequest.exclusiveManual(name, who, work -> installStored(version, who, work))).id();
    }

    /** One install of a stored release inside its thread-manager unit (see {@link #installFromFile}). */
    private void installStored(Version version, String who, WorkContext work) throws Exception {
        ReleaseStore.StoredRelease release = store.release(version)
                .orElseThrow(() -> new UpdateFailedException("Версия " + version + " не импортирована из файла на этот сервер"));
        // Checked again here: another install may have run while this one waited for the exclusive gate.
        Optional<Version> installed = installation.get().installedVersion();
        if (installed.isPresent() && !version.isNewerThan(installed.get())) {
            throw new UpdateFailedException("Версия " + version + " не новее установленной " + installed.get()
                    + "; установка из файла отменена");
        }
        UpdateKind kind = UpdateKind.of(installed, version);
        boolean first = installed.isEmpty();
        work.log(WorkContext.LogLevel.INFO, "Установка версии " + version + " из файла: " + describe(kind, first)
                + (release.manifest().notes().isBlank() ? "" : ". Изменения: " + release.manifest().notes()));
        Mode mode = first ? Mode.FIRST : kind == UpdateKind.MINOR ? Mode.MINOR : Mode.MAJOR;
        long job = journal.begin(version, installed, UpdateJournal.SOURCE_FILE, mode.name(),
                UpdateJournal.State.DOWNLOADING, "Проверка файлов", who);
        carryOut(job, version, mode, work);
    }

    /** How a release comes in: the very first install, a minor update, or a major one. */
    enum Mode { FIRST, MINOR, MAJOR }

    /** Download, verify and install a release whose manifest is kept; used by a run and by recovery. */
    private void carryOut(long job, Version version, Mode mode, WorkContext work) throws Exception {
        try {
            ReleaseStore.StoredRelease release = store.release(version)
                    .orElseThrow(() -> new UpdateFailedException("Манифест версии " + version + " не сохранён на сервере"));
            keys.release().orElseThrow(() -> new UpdateFailedException("Не задан ключ выпуска (ksamu.update.release-keys)"))
                    .verifyRelease(release.manifestBytes(), release.signature(), version);
            work.step("Загрузка файлов версии " + version);
            downloader.download(release.manifest().files(), work);
            work.log(WorkContext.LogLevel.INFO, "Все файлы версии " + version + " загружены и проверены (SHA-256, подпись)");
            if (mode == Mode.MAJOR) {
                if (major.run(job, version, release, work, () -> shuttingDown)) {
                    pruneOldVersions(work);
                }
                return;
            }
            journal.step(job, UpdateJournal.State.INSTALLING, "Установка");
            if (mode == Mode.FIRST) {
                int ran = work.critical("Выполнение скриптов БД", () -> {
                    try (Connection c = mainBase.connect()) {
                        return scripts.migrate(release.manifest(), c);
                    }
                });
                work.log(WorkContext.LogLevel.INFO, "Скрипты БД выполнены: " + ran);
            }
            work.critical("Установка клиента " + version, () -> {
                clients.install(version);
                installation.recordInstalled(version);
                return null;
            });
            journal.finish(job, UpdateJournal.State.DONE, "Готово", "Установлена версия " + version);
            work.log(WorkContext.LogLevel.INFO, "Установлена версия " + version
                    + (mode == Mode.FIRST ? "" : ": клиенты получат её при следующем входе"));
            if (mode == Mode.MINOR) {
                events.broadcast("available", Map.of("version", version.toString(),
                        "message", "Доступна новая версия " + version + ", она будет установлена при следующем входе",
                        "messageEn", "Version " + version + " is available; it will be installed at your next log-in"));
            }
            pruneOldVersions(work);
        } catch (WorkCancelledException e) {
            if (shuttingDown) {
                // The server is stopping: the update stays unfinished and the next start carries it on.
                log.info("Update job #{} to {} interrupted by the server's stop; it resumes on the next start", job, version);
            } else {
                journal.finish(job, UpdateJournal.State.FAILED, "Остановлено", "Обновление остановлено администратором;"
                        + " загруженное сохранено и будет докачано при следующем запуске");
            }
            throw e;
        } catch (ReleaseException e) {
            int removed = store.cleanStaging(Set.of());
            String msg = "Загрузка отклонена: " + e.russian() + ". Промежуточные файлы удалены (" + removed + ")";
            journal.finish(job, UpdateJournal.State.FAILED, "Отклонено", msg);
            throw new UpdateFailedException(msg, e);
        } catch (Exception e) {
            if (!shuttingDown) {
                journal.finish(job, UpdateJournal.State.FAILED, "Ошибка", "Обновление не удалось: " + describe(e));
            }
            throw e;
        }
    }

    /**
     * After an install: the releases and files no longer needed go (the installed version and the
     * two client versions served stay); a failure here is logged and leaves the update installed.
     */
    private void pruneOldVersions(WorkContext work) {
        Set<Version> keep = new TreeSet<>(clients.servedVersions());
        installation.get().installedVersion().ifPresent(keep::add);
        keep.addAll(importedVersions());
        try {
            int clientFolders = clients.prune();
            ReleaseStore.Pruned pruned = store.prune(keep);
            if (pruned.versions() > 0 || pruned.blobs() > 0 || clientFolders > 0) {
                work.log(WorkContext.LogLevel.INFO, "Удалены старые версии: "
                        + Plurals.russian(pruned.versions(), "релиз", "релиза", "релизов") + ", "
                        + Plurals.russian(pruned.blobs(), "файл", "файла", "файлов") + ", освобождено " + Sizes.russian(pruned.bytes())
                        + "; хранятся версии " + keep);
            }
        } catch (IOException | RuntimeException e) {
            work.log(WorkContext.LogLevel.WARN, "Старые версии не удалены: " + describe(e)
                    + "; обновление установлено, удаление повторится после следующего");
        }
    }

    /**
     * Releases imported from files and waiting for "Установить версию X из файла" (newer than the
     * installed one, every file kept; the prune after an install keeps them).
     */
    public Set<Version> importedVersions() {
        return imports.waiting(installation.get().installedVersion()).keySet();
    }

    /** Отменить обратный отсчёт (of a major update or a restore). */
    public Maintenance.CancelAnswer cancelCountdown(String who) {
        return maintenance.requestCancel(who);
    }

    /**
     * On start: an update a crash interrupted is carried on (the download resumes where it
     * stopped, the install steps repeat harmlessly) before clients are served the new version;
     * staging files of no unfinished update are removed.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recover() throws IOException {
        List<UpdateJournal.Job> open = journal.unfinished();
        Set<String> keep = new HashSet<>();
        for (int i = 0; i < open.size(); i++) {
            UpdateJournal.Job j = open.get(i);
            Version v = Version.parse(j.version());
            Optional<ReleaseStore.StoredRelease> kept = store.release(v);
            if (i < open.size() - 1 || kept.isEmpty()) {
                journal.finish(j.id(), UpdateJournal.State.FAILED, "Прервано", "Обновление до " + v
                        + " было прервано остановкой сервера и не может быть продолжено");
                continue;
            }
            kept.get().manifest().files().stream().map(ManifestEntry::sha256).forEach(keep::add);
            Mode mode = Mode.valueOf(j.kind());
            if (mode == Mode.MAJOR && j.state() != UpdateJournal.State.DOWNLOADING) {
                major.recover(j, v);
                continue;
            }
            log.info("Resuming the update to {} interrupted by a stop of the server (job #{})", v, j.id());
            threads.submit(WorkRequest.exclusiveBackground("Возобновление обновления до " + v, work -> {
                work.log(WorkContext.LogLevel.WARN, "Обновление до " + v + " было прервано остановкой сервера;"
                        + " продолжение с того места, где оно остановилось");
                carryOut(j.id(), v, mode, work);
            }));
        }
        int removed = store.cleanStaging(keep);
        if (removed > 0) {
            log.info("Removed {} staging file(s) of no unfinished update", removed);
        }
    }

    /**
     * Before the web server opens (all beans are made, nothing is started yet): a lock a crash
     * left on the main base is taken back, and a major update cut after its countdown began is
     * finished or rolled back, so no client ever meets a half-migrated or locked base.
     */
    @Override
    public void afterSingletonsInstantiated() {
        mainBase.unlockLeftovers();
        List<UpdateJournal.Job> open = journal.unfinished();
        if (open.isEmpty()) {
            return;
        }
        UpdateJournal.Job last = open.get(open.size() - 1);
        if ("MAJOR".equals(last.kind()) && last.state() != UpdateJournal.State.DOWNLOADING) {
            major.recover(last, Version.parse(last.version()));
        }
    }

    /** The server is stopping: a stopped update is an interrupted one, not an admin's stop. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        shuttingDown = true;
    }

    /** Выполнить обновление из тестового репозитория: a test release, by hand, as an exclusive unit. */
    public synchronized long updateFromTest(String who) {
        boolean running = threads.list().stream()
                .anyMatch(w -> TEST_UPDATE_NAME.equals(w.name()) && !w.state().finished());
        if (running) {
            throw new UpdateBusyException();
        }
        return threads.submit(WorkRequest.exclusiveManual(TEST_UPDATE_NAME, who,
                work -> update(Channel.TEST, false, who, work))).id();
    }

    private static String describe(UpdateKind kind, boolean first) {
        if (first) {
            return "первичная установка (скрипты БД и клиент)";
        }
        return kind == UpdateKind.MINOR ? "минорное обновление, без блокировки БД" : "мажорное обновление, с блокировкой БД";
    }

    /** An exception as the run log and the journal name it: our own messages as they are, others with their class. */
    static String describe(Exception e) {
        return e instanceof UpdateFailedException || e instanceof HubCallFailedException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
