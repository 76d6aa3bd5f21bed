package ru.ksamu.server.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.UpdateKind;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundle;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.StreamedBundle;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.TrustedKeys;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.web.ServerProblem;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.text.Plurals;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;

/**
 * Offline import: a signed release bundle (a {@code .zip} of {@code ksamu release build}, brought
 * on a USB stick) is verified exactly as a release from the hub and put into the
 * {@link ReleaseStore}, ready for a manual install ({@link UpdateEngine#installFromFile}).
 * <p>
 * The release library does the verifying (the pinned release key over release.json,
 * {@link Limits#DEFAULT the size limits}, safe paths, every file's size and SHA-256): for an upload
 * in one pass while its bytes arrive ({@link Bundles#verifyStream}, each file written into the
 * store's staging on the way), for a file on disk or an upload in another zip order with
 * {@link Bundles#open} and a second read into staging. The files become blobs only once the whole
 * bundle has passed. The manifest is kept last, so a
 * refusal at any point, a full disk included, leaves the store as it was: the part files and any
 * blob this import made are removed.
 */
@Component
public class ReleaseImport {

    private static final Logger log = LoggerFactory.getLogger(ReleaseImport.class);

    private final ReleaseStore store;
    private final PinnedKeys keys;
    private final InstallationStore installation;
    private final CloudSettings cloud;
    private final UpdateJournal journal;
    private final ThreadManager threads;
    private final Path incoming;
    /** {@code <data>/imports/imported/<a.b.c.d>}: which stored releases came from a file (the file's name inside). */
    private final Path marks;
    /** One import at a time: the upload stages into the store, and two of one release would write the same parts. */
    private final ReentrantLock busy = new ReentrantLock();

    ReleaseImport(ReleaseStore store, PinnedKeys keys, InstallationStore installation, CloudSettings cloud,
                  UpdateJournal journal, DataFolder data, ThreadManager threads) {
        this.threads = threads;
        this.incoming = data.root().resolve("imports");
        this.marks = incoming.resolve("imported");
        this.store = store;
        this.keys = keys;
        this.installation = installation;
        this.cloud = cloud;
        this.journal = journal;
    }

    /** The largest bundle accepted: the release size limit plus room for the zip's own records and release.json. */
    public static long maxBundleBytes() {
        return Limits.DEFAULT.maxTotalSize() + Limits.MAX_DOCUMENT_BYTES + (64L << 20);
    }

    /**
     * A release imported and ready to install.
     *
     * @param kind      FIRST (nothing installed yet), MINOR or MAJOR
     * @param installed the version installed when it was imported, if any
     * @param files     the release's files
     * @param bytes     their total size
     * @param added     how many files were new to this server (the rest it already had)
     */
    public record Imported(Version version, String kind, Optional<Version> installed, int files, long bytes, int added) {

        /** The verdict in Russian, as the console and {@code ksamu server import} print it. */
        public String russian(String name) {
            String what = switch (kind) {
                case "FIRST" -> "первичная установка";
                case "MINOR" -> "минорное обновление, без блокировки БД";
                default -> "мажорное обновление: обратный отсчёт и блокировка главной базы";
            };
            return "Файл «" + name + "» принят: версия " + version + " (" + what + "), "
                    + Plurals.russian(files, "файл", "файла", "файлов") + ", "
                    + Sizes.russian(bytes) + "; подпись и все хэши проверены. Версия готова к установке"
                    + installed.map(v -> " (установлена " + v + ")").orElse("");
        }

        /** The same in English. */
        public String english(String name) {
            String what = switch (kind) {
                case "FIRST" -> "first install";
                case "MINOR" -> "minor update, no database lock";
                default -> "major update: countdown and main base lock";
            };
            return "File \"" + name + "\" accepted: version " + version + " (" + what + "), " + files
                    + (files == 1 ? " file, " : " files, ")
                    + bytes + " bytes; signature and every hash verified. Ready to install"
                    + installed.map(v -> " (installed: " + v + ")").orElse("");
        }
    }

    /** Why a bundle was refused (422 {@code RELEASE_REFUSED}): Russian and English, both naming the file; nothing was stored. */
    public static final class ImportRefusedException extends ProblemException {
        ImportRefusedException(String russian, String english, Throwable cause) {
            super(ServerProblem.RELEASE_REFUSED, russian, english);
            if (cause != null) {
                initCause(cause);
            }
        }
    }

    /** The hand-off between the receiving request thread and the verifying unit: this many buffers of 1 MiB. */
    static final int PIPE_BUFFERS = 4;

    /**
     * An upload: verified in one pass while it arrives ({@link Bundles#verifyStream}: the
     * signature first, then each file into the store's staging through the library's checks; at
     * most {@link #maxBundleBytes()}, never held in memory), then its files committed and the
     * manifest kept. A zip not in the order {@code ksamu release build} writes is copied into
     * {@code <data>/imports/} and verified the two-pass way ({@link #importBundle(Path, String)}).
     * Whatever the verdict, the copy and any part not committed are removed. A second upload while
     * one runs is refused, not queued.
     * <p>
     * The calling (request) thread only receives the body into a bounded {@link UploadPipe}; the
     * verifying and storing run as a unit of the thread manager, «Импорт релиза из файла NAME», so
     * that receiving and verifying overlap and an admin sees the import (bytes received of the
     * total) and can stop it: a stopped import is refused with nothing stored. This call returns
     * the unit's verdict once it has ended. The unit is not gated: the client's bytes are arriving
     * and must not wait behind a long exclusive task (imports are one at a time by {@link #busy}).
     *
     * @param name          the file's name as sent (a path is cut to its last part)
     * @param contentLength the declared length, or -1 when unknown (chunked)
     * @param who           the admin uploading, shown as the one who started the unit
     */
    public Imported importUpload(InputStream body, long contentLength, String name, String who) {
        String shown = shownName(name);
        long max = maxBundleBytes();
        if (contentLength > max) {
            throw tooLarge(shown, contentLength, max);
        }
        if (!busy.tryLock()) {
            throw refused(shown, "сейчас загружается другой файл; повторите после него",
                    "another file is being imported; try again after it", null);
        }
        try {
            if (!journal.unfinished().isEmpty()) {
                throw refused(shown, "сейчас идёт обновление; повторите импорт после него",
                        "an update is in progress; import again after it", null);
            }
            var trusted = trustedKeys(shown);
            Limited in = new Limited(body, max, size -> tooLarge(shown, size, max));
            AtomicReference<WorkContext> unit = new AtomicReference<>();
            UploadPipe pipe = new UploadPipe(PIPE_BUFFERS, 1 << 20, () -> {
                WorkContext c = unit.get();
                return c != null && c.stopRequested();
            }, () -> received(unit.get(), in.count, contentLength));
            CompletableFuture<Imported> verdict = new CompletableFuture<>();
            String unitName = "Импорт релиза из файла " + shown;
            ThreadManager.WorkHandle handle;
            try {
                handle = threads.submit(new WorkRequest(unitName, WorkKind.MANUAL, who, false, true, null, null, work -> {
                    unit.set(work);
                    work.step("Приём и проверка файла");
                    try {
                        verdict.complete(verifyUpload(pipe, in, contentLength, shown, trusted, work));
                    } catch (RuntimeException e) {
                        RuntimeException why = stoppedByAdmin(e) ? refused(shown, "импорт остановлен в менеджере потоков",
                                "the import was stopped in the thread manager", e) : e;
                        verdict.completeExceptionally(why);
                        if (stoppedByAdmin(e)) {
                            throw new WorkCancelledException(unitName);
                        }
                        throw why; // the unit ends "с ошибкой" with the refusal's reason
                    } finally {
                        pipe.close();
                    }
                }));
            } catch (RuntimeException e) {
                throw refused(shown, "не удалось запустить импорт в менеджере потоков: " + e.getMessage(),
                        "cannot start the import in the thread manager: " + e.getMessage(), e);
            }
            // A unit that ends without a verdict (the server shutting down) must not leave this thread waiting.
            handle.completion().whenComplete((s, t) -> {
                pipe.close();
                verdict.completeExceptionally(refused(shown, "импорт прерван: сервер останавливается",
                        "the import was cut: the server is stopping", null));
            });
            pipe.pump(in);
            try {
                return verdict.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } finally {
            busy.unlock();
        }
    }

    /** The unit's progress: the bytes received of the total when the total is known. */
    private static void received(WorkContext unit, long count, long contentLength) {
        if (unit == null) {
            return;
        }
        if (contentLength > 0) {
            unit.progress((int) (count * 100 / contentLength));
            unit.step("Получено " + Sizes.russian(count) + " из " + Sizes.russian(contentLength));
        } else {
            unit.step("Получено " + Sizes.russian(count));
        }
    }

    private static boolean stoppedByAdmin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UploadPipe.StoppedException) {
                return true;
            }
        }
        return false;
    }

    /** The unit's body: the one-pass verification of what the pipe brings, then storing (or the copy's two passes). */
    private Imported verifyUpload(UploadPipe pipe, Limited in, long contentLength, String shown, TrustedKeys trusted,
                                  WorkContext work) {
        InputStream source = pipe.source();
        Path copy = null;
        UploadStager stager = null;
        try {
            Optional<Version> installed = installation.get().installedVersion();
            stager = new UploadStager(store, manifest -> check(manifest, installed, shown));
            // The library names the bundle by this path in its messages; named() puts the admin's file name instead.
            Path label = incoming.resolve("upload-" + UUID.randomUUID() + ".zip");
            StreamedBundle streamed;
            // A refusal closes the pipe (the caller's finally); the receiving thread then reads and drops the rest of
            // the body, so the client reads the answer instead of a reset connection.
            try {
                streamed = Bundles.verifyStream(source, label, trusted, Limits.DEFAULT, stager);
            } catch (ReleaseException e) {
                throw refused(shown, named(e.russian(), label, shown), named(e.english(), label, shown), e);
            } catch (IOException e) {
                throw uploadFailed(shown, e, stager.writeFailure(), in, contentLength);
            }
            if (streamed.isVerified()) {
                checkLength(shown, pipe.consumed(), contentLength);
                UploadStager staged = stager;
                work.step("Запись релиза в хранилище");
                return storeStreamed(streamed, installed, staged, shown);
            }
            copy = copyOf(streamed, pipe, in, shown, contentLength);
            work.step("Проверка копии файла (архив в другом порядке)");
            return importFile(copy, shown);
        } finally {
            if (stager != null) {
                stager.discard();
            }
            if (copy != null) {
                deleteQuietly(copy);
            }
        }
    }

    /** A zip in another order: the whole upload (what the library read to find out, then the rest) into a file. */
    private Path copyOf(StreamedBundle streamed, UploadPipe pipe, Limited in, String shown, long contentLength) {
        Path copy;
        try {
            OwnerOnly.folder(incoming);
            copy = Files.createTempFile(incoming, "upload-", ".zip");
        } catch (IOException e) {
            throw refused(shown, "не удалось создать временный файл в " + incoming + ": " + e.getMessage(),
                    "cannot create a temporary file in " + incoming + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(copy)) {
            try {
                streamed.replay().transferTo(out);
            } catch (IOException e) {
                throw uploadFailed(shown, e, null, in, contentLength);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            IOException io = (IOException) e;
            throw noSpace(io)
                    ? refused(shown, "на диске сервера не хватает места для копии файла (" + incoming + ")",
                            "the server's disk is full (" + incoming + ")", e)
                    : refused(shown, "не удалось записать копию файла в " + incoming + ": " + e.getMessage(),
                            "cannot write the file's copy into " + incoming + ": " + e.getMessage(), e);
        }
        checkLength(shown, pipe.consumed(), contentLength);
        return copy;
    }

    /** Why reading the upload or writing its parts failed, as the admin should read it. */
    private ImportRefusedException uploadFailed(String shown, IOException e, IOException writeFailure, Limited in,
                                                long contentLength) {
        if (in.tooLarge != null) {
            return in.tooLarge;
        }
        if (writeFailure != null) {
            if (noSpace(writeFailure)) {
                return refused(shown, "на диске сервера не хватает места (" + store.root() + ")",
                        "the server's disk is full (" + store.root() + ")", e);
            }
            return refused(shown, "не удалось записать файлы релиза в " + store.root() + ": " + writeFailure.getMessage(),
                    "cannot write the release's files into " + store.root() + ": " + writeFailure.getMessage(), e);
        }
        if (contentLength >= 0 && in.failure == null) {
            return refused(shown, "передано " + in.count + " байт из " + contentLength + " (передача прервана)",
                    "received " + in.count + " of " + contentLength + " bytes (upload cut)", e);
        }
        return refused(shown, "передача файла прервана: " + e.getMessage(), "the upload was cut: " + e.getMessage(), e);
    }

    private static void checkLength(String shown, long total, long contentLength) {
        if (contentLength >= 0 && total != contentLength) {
            throw refused(shown, "передано " + total + " байт из " + contentLength + " (передача прервана)",
                    "received " + total + " of " + contentLength + " bytes (upload cut)", null);
        }
    }

    /** The pinned release key, or a refusal naming the setting. */
    private TrustedKeys trustedKeys(String name) {
        return keys.release().orElseThrow(() -> refused(name,
                "на сервере не задан ключ выпуска (ksamu.update.release-keys), проверить подпись нечем",
                "no release key is pinned on this server (ksamu.update.release-keys)", null));
    }

    /** A bundle verified in one pass: its parts are all written; commit them and keep the manifest. */
    private Imported storeStreamed(StreamedBundle bundle, Optional<Version> installed, UploadStager stager, String name) {
        ReleaseManifest manifest = bundle.manifest();
        List<ManifestEntry> missing = missing(manifest);
        store(manifest, bundle.manifestBytes(), bundle.signature(), missing, name, entry -> {
            if (!stager.written().contains(entry.sha256())) {
                // The blob was there when the file arrived and is gone now: nothing to take it from.
                throw new IOException("the blob of " + entry.path() + " vanished from the store during the import");
            }
            return null;
        });
        return imported(manifest, installed, missing, name, "verified in one pass while the upload arrived");
    }

    /** The name as the admin chose the file: its last path part, printable, at most 200 characters. */
    public static String shownName(String name) {
        String n = name == null ? "" : name.strip();
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (n.isBlank()) {
            return "без имени";
        }
        return n.length() > 200 ? n.substring(0, 200) + "…" : n;
    }

    private static ImportRefusedException tooLarge(String name, long size, long max) {
        return refused(name, "файл больше предела " + Sizes.russian(max) + " (" + Sizes.russian(size) + ")",
                "the file is larger than the limit of " + max + " bytes (" + size + ")", null);
    }

    /**
     * Verifies the bundle {@code zip} and stores its release; one import at a time (waits for one
     * running), never beside an unfinished update (both write the store's staging).
     *
     * @param name the file's name as the admin knows it (the upload's name), used in every message
     * @throws ImportRefusedException naming {@code name} and the reason; the store is unchanged
     */
    public Imported importBundle(Path zip, String name) {
        busy.lock();
        try {
            return importFile(zip, name);
        } finally {
            busy.unlock();
        }
    }

    /** The two-pass import of a whole file, under {@link #busy}. */
    private Imported importFile(Path zip, String name) {
        if (!journal.unfinished().isEmpty()) {
            throw refused(name, "сейчас идёт обновление; повторите импорт после него",
                    "an update is in progress; import again after it", null);
        }
        var trusted = trustedKeys(name);
        Bundle bundle;
        try {
            bundle = Bundles.open(zip, trusted, Limits.DEFAULT);
        } catch (ReleaseException e) {
            throw refused(name, named(e.russian(), zip, name), named(e.english(), zip, name), e);
        }
        try (bundle) {
            ReleaseManifest manifest = bundle.manifest();
            Optional<Version> installed = installation.get().installedVersion();
            check(manifest, installed, name);
            List<ManifestEntry> missing = missing(manifest);
            try {
                store(manifest, bundle.manifestBytes(), bundle.signature(), missing, name,
                        bundle::openFile);
            } catch (ImportRefusedException e) {
                throw new ImportRefusedException(named(e.russian(), zip, name), named(e.english(), zip, name), e.getCause());
            }
            return imported(manifest, installed, missing, name, "verified from the whole file");
        } catch (IOException e) {
            // Only close() can get here; the release is stored by then.
            log.warn("Closing the imported bundle {} failed", name, e);
            throw refused(name, "файл не закрылся: " + e.getMessage(), "cannot close the file: " + e.getMessage(), e);
        }
    }

    /** The release's files the store lacks, one per SHA-256. */
    private List<ManifestEntry> missing(ReleaseManifest manifest) {
        return new ArrayList<>(manifest.files().stream()
                .filter(e -> !store.hasBlob(e.sha256()))
                .collect(LinkedHashMap<String, ManifestEntry>::new, (m, e) -> m.putIfAbsent(e.sha256(), e), Map::putAll)
                .values());
    }

    private Imported imported(ReleaseManifest manifest, Optional<Version> installed, List<ManifestEntry> missing,
                              String name, String how) {
        UpdateKind kind = UpdateKind.of(installed, manifest.version());
        Imported imported = new Imported(manifest.version(), installed.isEmpty() ? "FIRST" : kind.name(), installed,
                manifest.files().size(), manifest.totalSize(), missing.size());
        log.info("Imported release {} from file {} ({} files, {} new; {})",
                manifest.version(), name, imported.files(), imported.added(), how);
        return imported;
    }

    /** No downgrade, the region, the lowest version it updates from: as the hub's releases are picked. */
    private void check(ReleaseManifest manifest, Optional<Version> installed, String name) {
        Version v = manifest.version();
        if (installed.isPresent() && !v.isNewerThan(installed.get())) {
            throw refused(name, "версия " + v + " не новее установленной " + installed.get() + " (откат версии не выполняется)",
                    "version " + v + " is not newer than the installed " + installed.get() + " (no downgrade)", null);
        }
        if (installed.isPresent() && manifest.minFromVersion().isPresent()
                && installed.get().compareTo(manifest.minFromVersion().get()) < 0) {
            throw refused(name, "версия " + v + " ставится только на " + manifest.minFromVersion().get()
                            + " и новее, а установлена " + installed.get(),
                    "version " + v + " installs only over " + manifest.minFromVersion().get() + " or newer; "
                            + installed.get() + " is installed", null);
        }
        String region = cloud.current().region();
        Optional<String> own = region == null || region.isBlank() ? Optional.empty() : Optional.of(region.strip());
        if (!manifest.isForRegion(own)) {
            throw refused(name, "версия " + v + " выпущена для регионов " + manifest.regions() + ", а регион сервера "
                            + own.orElse("не задан"),
                    "version " + v + " is for regions " + manifest.regions() + ", this server's region is "
                            + own.orElse("not set"), null);
        }
    }

    /** Where a file the server lacks comes from; null when its part file is already written and verified. */
    private interface Source {
        InputStream open(ManifestEntry entry) throws IOException;
    }

    /**
     * The files the server lacks: each into a part file (unless already there; read through the
     * library's verifying stream), then all made blobs, then the manifest kept. Any failure
     * removes what this import made.
     */
    private void store(ReleaseManifest manifest, byte[] manifestBytes, DetachedSignature signature,
                       List<ManifestEntry> missing, String name, Source source) {
        List<String> parts = new ArrayList<>();
        List<String> blobs = new ArrayList<>();
        try {
            byte[] buffer = new byte[1 << 20];
            for (ManifestEntry e : missing) {
                parts.add(e.sha256());
                InputStream from = source.open(e);
                if (from == null) {
                    continue;
                }
                try (InputStream in = from;
                     OutputStream out = Files.newOutputStream(store.part(e.sha256()), StandardOpenOption.CREATE,
                             StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        out.write(buffer, 0, n);
                    }
                }
            }
            for (ManifestEntry e : missing) {
                store.commit(e.sha256());
                blobs.add(e.sha256());
            }
            // The mark first: a mark without its release is never listed, a release without its mark would be lost.
            OwnerOnly.folder(marks);
            AtomicFiles.write(marks.resolve(manifest.version().toString()), name);
            store.saveRelease(manifest.version(), manifestBytes, signature);
        } catch (IOException | RuntimeException e) {
            undo(parts, blobs, manifest.version());
            deleteQuietly(marks.resolve(manifest.version().toString()));
            if (e instanceof ReleaseException r) {
                throw refused(name, r.russian(), r.english(), e);
            }
            if (e instanceof ZipException) {
                throw refused(name, "архив повреждён: " + e.getMessage(), "the archive is corrupt: " + e.getMessage(), e);
            }
            if (e instanceof IOException io && noSpace(io)) {
                throw refused(name, "на диске сервера не хватает места (" + store.root() + "); нужно "
                                + Sizes.russian(missing.stream().mapToLong(ManifestEntry::size).sum()),
                        "the server's disk is full (" + store.root() + ")", e);
            }
            throw refused(name, "не удалось записать файлы релиза в " + store.root() + ": " + e.getMessage(),
                    "cannot write the release's files into " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The releases imported from files and waiting to be installed: newer than {@code installed},
     * kept in the store with every file; each with the name of the file it came from. A release
     * the hub brought (even one refused or cancelled) is not among them.
     */
    public Map<Version, String> waiting(Optional<Version> installed) {
        Map<Version, String> out = new TreeMap<>();
        if (!Files.isDirectory(marks)) {
            return out;
        }
        try (var files = Files.list(marks)) {
            for (Path mark : (Iterable<Path>) files::iterator) {
                Version v;
                try {
                    v = Version.parse(mark.getFileName().toString());
                } catch (ReleaseException e) {
                    continue; // not a mark (a temporary file of an atomic write)
                }
                if (installed.isPresent() && !v.isNewerThan(installed.get())) {
                    continue;
                }
                Optional<ReleaseStore.StoredRelease> kept = store.release(v);
                if (kept.isPresent() && kept.get().manifest().files().stream().allMatch(e -> store.hasBlob(e.sha256()))) {
                    out.put(v, Files.readString(mark).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot list the releases imported from files in {}", marks, e);
        }
        return out;
    }

    /** Removes this import's part files and the blobs it made, and a half-written manifest. */
    private void undo(List<String> parts, List<String> blobs, Version version) {
        for (String sha : parts) {
            deleteQuietly(store.part(sha));
        }
        for (String sha : blobs) {
            deleteQuietly(store.blob(sha));
        }
        if (store.release(version).isEmpty()) {
            Path dir = store.root().resolve("versions").resolve(version.toString());
            try {
                FileTrees.delete(dir);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot remove the half-kept release folder {}", dir, e);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot remove {} after a refused import", p, e);
        }
    }

    private static boolean noSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("There is not enough space"))) {
                return true;
            }
        }
        return false;
    }

    /** The library names the temporary copy's path; the admin knows the file by its own name. */
    private static String named(String message, Path zip, String name) {
        return message.replace(zip.toString(), "«" + name + "»");
    }

    /** The request's body, counted against the largest bundle; remembers why reading it failed. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private final long max;
        private final LongFunction<ImportRefusedException> tooLargeFor;
        // Written by the receiving thread; the verifying unit reads them for its progress and, after the failure has
        // come through the pipe, for the refusal's reason.
        private volatile long count;
        private volatile IOException failure;
        private volatile ImportRefusedException tooLarge;

        Limited(InputStream in, long max, LongFunction<ImportRefusedException> tooLargeFor) {
            this.in = in;
            this.max = max;
            this.tooLargeFor = tooLargeFor;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (tooLarge != null) {
                throw tooLarge;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                count += n;
                if (count > max) {
                    tooLarge = tooLargeFor.apply(count);
                    throw tooLarge;
                }
            }
            return n;
        }

        @Override
        public void close() {
            // The request's body is the web server's to close.
        }
    }

    private static ImportRefusedException refused(String name, String reasonRu, String reasonEn, Throwable cause) {
        return new ImportRefusedException("Файл «" + name + "» отклонён: " + reasonRu + ". Ничего не сохранено",
                "File \"" + name + "\" refused: " + reasonEn + ". Nothing was stored", cause);
    }
}
