package ru.ksamu.server.selfupdate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.supervisor.ServerFolder;
import ru.ksamu.supervisor.SwitchRecord;

/**
 * Обновление Сервера КСАМУ: puts the {@code server/} files of the installed release beside the
 * running server ({@code <data>/server/versions/<v>/}, whole or not at all), names it
 * {@code pending}, waits for a safe moment (no other task, no countdown or lock of a major update)
 * and asks the supervisor to restart on it. Without a supervisor it stops after the install and
 * says so: the admin restarts the server.
 */
@Component
class SelfUpdateTask implements TaskType {

    static final String KEY = "SERVER_UPDATE";
    static final String RETRY_FAILED = "retryFailed";
    /** How often the task looks again for a safe moment to restart. */
    static final Duration SAFE_MOMENT_POLL = Duration.ofSeconds(1);
    private static final String SERVER_PREFIX = FileRole.SERVER.folder() + "/";

    private static final Logger log = LoggerFactory.getLogger(SelfUpdateTask.class);

    private final InstallationStore installation;
    private final ReleaseStore releases;
    private final ServerFolder folder;
    private final ThreadManager threads;
    private final Maintenance maintenance;
    private final ServerRestart restart;

    SelfUpdateTask(InstallationStore installation, ReleaseStore releases, ServerFolder folder, ThreadManager threads,
                   Maintenance maintenance, ServerRestart restart) {
        this.installation = installation;
        this.releases = releases;
        this.folder = folder;
        this.threads = threads;
        this.maintenance = maintenance;
        this.restart = restart;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Обновление Сервера КСАМУ";
    }

    @Override
    public String titleEn() {
        return "KSAMU Server update";
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(RETRY_FAILED, "Повторить версию, которая не запустилась", TaskOption.Kind.FLAG,
                false, "false"));
    }

    /**
     * The article's row as it stands: from 01.01.2016 0:05:00 every 30 minutes, no forbidden window. A
     * restart cuts the clients' event streams for the seconds the server needs to start (they
     * reconnect by themselves); an admin who wants it at night only sets a forbidden window.
     */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Обновление Сервера КСАМУ", "01.01.2016 0:05:00", "MINUTES_30", List.of(),
                null, null, "ALL", null, true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        WorkContext work = run.work();
        Optional<Version> installed = installation.get().installedVersion();
        if (installed.isEmpty()) {
            run.info("Релиз КСАМУ ещё не установлен: новой версии сервера нет");
            return;
        }
        String v = installed.get().toString();
        ReleaseStore.StoredRelease release = releases.release(installed.get()).orElseThrow(() -> new IllegalStateException(
                "Манифест установленного релиза " + v + " не найден в " + releases.root()));
        List<ManifestEntry> files = release.manifest().files().stream().filter(f -> f.role() == FileRole.SERVER).toList();
        String running = folder.current().orElse(null);
        if (files.isEmpty()) {
            run.info("В релизе " + v + " нет файлов сервера: сервер остаётся на версии " + (running == null ? "этой сборки" : running));
            return;
        }
        if (v.equals(running)) {
            run.info("Сервер уже работает на версии " + v);
            return;
        }
        if (files.stream().noneMatch(f -> f.path().equals(SERVER_PREFIX + ServerFolder.SERVER_JAR))) {
            throw new IllegalStateException("В релизе " + v + " нет файла " + SERVER_PREFIX + ServerFolder.SERVER_JAR
                    + ": версия сервера не устанавливается");
        }
        Optional<SwitchRecord> last = folder.lastSwitch();
        if (last.isPresent() && last.get().outcome() == SwitchRecord.Outcome.ROLLED_BACK && last.get().to().equals(v)
                && !Boolean.parseBoolean(run.option(RETRY_FAILED))) {
            work.log(WorkContext.LogLevel.WARN, "Версия сервера " + v + " уже не запустилась (" + last.get().reason()
                    + "); она не устанавливается снова, пока не выбрана опция «Повторить версию, которая не запустилась»");
            return;
        }
        if (!folder.installed(v)) {
            install(v, files, work);
        } else {
            run.info("Версия сервера " + v + " уже лежит в " + folder.version(v));
        }
        folder.setPending(v);
        removeOldVersions(v, running);
        run.info("Версия сервера " + v + " подготовлена к переключению (" + (running == null ? "сейчас работает эта сборка" : "сейчас " + running) + ")");
        awaitSafeMoment(work);
        if (!restart.supervised()) {
            work.log(WorkContext.LogLevel.WARN, "Новая версия сервера установлена, перезапустите сервер (./ksamu server "
                    + "переключится на версию " + v + " сам)");
            return;
        }
        run.info("Сервер КСАМУ перезапускается для перехода на версию " + v);
        log.info("Asking the supervisor to restart on server version {}", v);
        restart.request(work.id());
    }

    /** Copies each server file from the verified blobs into {@code versions/<v>.tmp/}, checks it again, then renames. */
    private void install(String v, List<ManifestEntry> files, WorkContext work) throws IOException {
        Path tmp = folder.staging(v);
        long total = files.stream().mapToLong(ManifestEntry::size).sum();
        long done = 0;
        for (ManifestEntry f : files) {
            work.checkpoint();
            work.step("Копирование " + f.path());
            Path target = tmp.resolve(f.path().substring(SERVER_PREFIX.length()));
            Files.createDirectories(target.getParent());
            copyVerified(releases.blob(f.sha256()), target, f);
            done += f.size();
            work.progress(total == 0 ? 100 : (int) (done * 100 / total));
        }
        folder.commit(v);
        work.log(WorkContext.LogLevel.INFO, "Файлы сервера " + v + " (" + files.size() + " шт.) скопированы в " + folder.version(v));
    }

    private static void copyVerified(Path blob, Path target, ManifestEntry f) throws IOException {
        if (!Files.isRegularFile(blob)) {
            throw new IllegalStateException("Файл " + f.path() + " (" + f.sha256() + ") не найден среди загруженных файлов релиза");
        }
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(blob), digest);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long n = in.transferTo(Channels.newOutputStream(out));
            out.force(true);
            String sha = Sha256.hex(digest.digest());
            if (n != f.size() || !sha.equals(f.sha256())) {
                throw new IllegalStateException("Файл " + f.path() + " повреждён на диске: " + n + " байт, SHA-256 " + sha
                        + ", а в манифесте " + f.size() + " байт, " + f.sha256() + "; версия сервера не устанавливается");
            }
        }
    }

    /** Keeps the versions the supervisor may need (current, previous, the new one); the rest only take space. */
    private void removeOldVersions(String v, String running) throws IOException {
        Set<String> keep = new HashSet<>(Set.of(v));
        if (running != null) {
            keep.add(running);
        }
        folder.previous().ifPresent(keep::add);
        List<String> removed = folder.removeVersionsExcept(keep);
        if (!removed.isEmpty()) {
            log.info("Removed old server versions {}", removed);
        }
    }

    /** Waits until no other task runs and no major update counts down or holds the lock; a stop ends the wait. */
    private void awaitSafeMoment(WorkContext work) throws InterruptedException {
        String said = null;
        while (true) {
            work.checkpoint();
            String reason = unsafeBecause(work.id());
            if (reason == null) {
                return;
            }
            if (!reason.equals(said)) {
                work.log(WorkContext.LogLevel.INFO, "Перезапуск отложен: " + reason);
                work.step("Ожидание безопасного момента: " + reason);
                said = reason;
            }
            Thread.sleep(SAFE_MOMENT_POLL.toMillis());
        }
    }

    private String unsafeBecause(long self) {
        Maintenance.Phase phase = maintenance.state().phase();
        if (phase != Maintenance.Phase.NONE) {
            return phase == Maintenance.Phase.COUNTDOWN ? "идёт отсчёт перед мажорным обновлением" : "база заблокирована мажорным обновлением";
        }
        List<WorkSnapshot> others = threads.list().stream()
                .filter(s -> !s.system() && s.id() != self && (s.state() == WorkState.RUNNING || s.state() == WorkState.STOPPING))
                .toList();
        if (!others.isEmpty()) {
            return "выполняется «" + others.get(0).name() + "» (#" + others.get(0).id() + ")";
        }
        return null;
    }
}
