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
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.UpdateKind;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundle;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.web.ServerProblem;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.text.Plurals;

/**
 * Offline import: a signed release bundle (a {@code .zip} of {@code ksamu release build}, brought
 * on a USB stick) is verified exactly as a release from the hub and put into the
 * {@link ReleaseStore}, ready for a manual install ({@link UpdateEngine#installFromFile}).
 * <p>
 * The release library does the verifying ({@link Bundles#open}: the pinned release key over
 * release.json, {@link Limits#DEFAULT the size limits}, safe paths, every file's size and SHA-256);
 * its files then go through the store's staging (each read again through the library's verifying
 * stream) and become blobs only once every one of them is there. The manifest is kept last, so a
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
    private final Path incoming;
    /** {@code <data>/imports/imported/<a.b.c.d>}: which stored releases came from a file (the file's name inside). */
    private final Path marks;
    /** One import at a time: the upload stages into the store, and two of one release would write the same parts. */
    private final ReentrantLock busy = new ReentrantLock();

    ReleaseImport(ReleaseStore store, PinnedKeys keys, InstallationStore installation, CloudSettings cloud,
                  UpdateJournal journal, DataFolder data) {
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

    /**
     * An upload: the body is copied into {@code <data>/imports/} (never held in memory, at most
     * {@link #maxBundleBytes()}; its files staged on the way, see {@link UploadStager}), imported,
     * and the copy and any part not committed removed whatever the verdict. A second upload while
     * one runs is refused, not queued.
     *
     * @param name          the file's name as sent (a path is cut to its last part)
     * @param contentLength the declared length, or -1 when unknown (chunked)
     */
    public Imported importUpload(InputStream body, long contentLength, String name) {
        String shown = shownName(name);
        long max = maxBundleBytes();
        if (contentLength > max) {
            throw tooLarge(shown, contentLength, max);
        }
        if (!busy.tryLock()) {
            throw refused(shown, "сейчас загружается другой файл; повторите после него",
                    "another file is being imported; try again after it", null);
        }
        if (!journal.unfinished().isEmpty()) {
            busy.unlock();
            throw refused(shown, "сейчас идёт обновление; повторите импорт после него",
                    "an update is in progress; import again after it", null);
        }
        Path copy;
        try {
            OwnerOnly.folder(incoming);
            copy = Files.createTempFile(incoming, "upload-", ".zip");
        } catch (IOException e) {
            busy.unlock();
            throw refused(shown, "не удалось создать временный файл в " + incoming + ": " + e.getMessage(),
                    "cannot create a temporary file in " + incoming + ": " + e.getMessage(), e);
        }
        UploadStager stager = new UploadStager(store);
        try {
            try (OutputStream out = Files.newOutputStream(copy)) {
                long total = stager.receive(body, out, max, size -> tooLarge(shown, size, max));
                if (contentLength >= 0 && total != contentLength) {
                    throw refused(shown, "передано " + total + " байт из " + contentLength + " (передача прервана)",
                            "received " + total + " of " + contentLength + " bytes (upload cut)", null);
                }
            } catch (IOException e) {
                if (noSpace(e)) {
                    throw refused(shown, "на диске сервера не хватает места для копии файла (" + incoming + ")",
                            "the server's disk is full (" + incoming + ")", e);
                }
                throw refused(shown, "передача файла прервана: " + e.getMessage(), "the upload was cut: " + e.getMessage(), e);
            }
            return importBundle(copy, shown, stager.staged());
        } finally {
            stager.discard();
            deleteQuietly(copy);
            busy.unlock();
        }
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
            return importBundle(zip, name, Set.of());
        } finally {
            busy.unlock();
        }
    }

    /** The import itself, under {@link #busy}; {@code staged}: hashes whose verified part files the upload already wrote. */
    private Imported importBundle(Path zip, String name, Set<String> staged) {
        if (!journal.unfinished().isEmpty()) {
            throw refused(name, "сейчас идёт обновление; повторите импорт после него",
                    "an update is in progress; import again after it", null);
        }
        var trusted = keys.release().orElseThrow(() -> refused(name,
                "на сервере не задан ключ выпуска (ksamu.update.release-keys), проверить подпись нечем",
                "no release key is pinned on this server (ksamu.update.release-keys)", null));
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
            List<ManifestEntry> missing = new ArrayList<>(manifest.files().stream()
                    .filter(e -> !store.hasBlob(e.sha256()))
                    .collect(LinkedHashMap<String, ManifestEntry>::new, (m, e) -> m.putIfAbsent(e.sha256(), e), Map::putAll)
                    .values());
            store(bundle, missing, name, staged);
            UpdateKind kind = UpdateKind.of(installed, manifest.version());
            Imported imported = new Imported(manifest.version(), installed.isEmpty() ? "FIRST" : kind.name(), installed,
                    manifest.files().size(), manifest.totalSize(), missing.size());
            log.info("Imported release {} from file {} ({} files, {} new, {} of them staged during the upload)",
                    manifest.version(), name, imported.files(), imported.added(),
                    missing.stream().filter(e -> staged.contains(e.sha256())).count());
            return imported;
        } catch (IOException e) {
            // Only close() can get here; the release is stored by then.
            log.warn("Closing the imported bundle {} failed", name, e);
            throw refused(name, "файл не закрылся: " + e.getMessage(), "cannot close the file: " + e.getMessage(), e);
        }
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

    /**
     * The files the server lacks: each into a part file (read through the library's verifying
     * stream), then all made blobs, then the manifest kept. Any failure removes what this import made.
     */
    private void store(Bundle bundle, List<ManifestEntry> missing, String name, Set<String> staged) {
        List<String> parts = new ArrayList<>();
        List<String> blobs = new ArrayList<>();
        ReleaseManifest manifest = bundle.manifest();
        try {
            byte[] buffer = new byte[1 << 20];
            for (ManifestEntry e : missing) {
                parts.add(e.sha256());
                if (staged.contains(e.sha256()) && Files.size(store.part(e.sha256())) == e.size()) {
                    continue; // written during the upload through the library's verifying stream
                }
                try (InputStream in = bundle.openFile(e);
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
            store.saveRelease(manifest.version(), bundle.manifestBytes(), bundle.signature());
        } catch (IOException | RuntimeException e) {
            undo(parts, blobs, manifest.version());
            deleteQuietly(marks.resolve(manifest.version().toString()));
            if (e instanceof ReleaseException r) {
                throw refused(name, named(r.russian(), bundle.location(), name), named(r.english(), bundle.location(), name), e);
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
        Map<Version, String> out = new java.util.TreeMap<>();
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
                ru.ksamu.release.files.FileTrees.delete(dir);
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

    private static ImportRefusedException refused(String name, String reasonRu, String reasonEn, Throwable cause) {
        return new ImportRefusedException("Файл «" + name + "» отклонён: " + reasonRu + ". Ничего не сохранено",
                "File \"" + name + "\" refused: " + reasonEn + ". Nothing was stored", cause);
    }
}
