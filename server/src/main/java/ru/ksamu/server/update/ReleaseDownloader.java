package ru.ksamu.server.update;

import ru.ksamu.server.releases.ReleaseStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.release.files.Sizes;

/**
 * Brings a release's files from the hub into the {@link ReleaseStore}: only the files not already
 * kept, each into staging first, resumed with {@code Range} from where a stopped or crashed
 * download ended, verified against the signed manifest's size and SHA-256, then committed. A file
 * that does not match is deleted and the whole download refused. Honours the thread manager's
 * stop between chunks, and {@code ksamu.update.download-limit} (bytes per second). A hub that stops
 * sending ({@code ksamu.update.read-timeout}) or sends more than the manifest says is cut
 * ({@link HubHttp}); the part file stays for the next attempt to resume.
 */
@Component
class ReleaseDownloader {

    private static final int CHUNK = 64 * 1024;

    private final UpdateSettings settings;
    private final CloudSettings cloud;
    private final ReleaseStore store;
    private final HubHttp http;

    ReleaseDownloader(UpdateSettings settings, CloudSettings cloud, ReleaseStore store, HubHttp http) {
        this.settings = settings;
        this.cloud = cloud;
        this.store = store;
        this.http = http;
    }

    /** Downloads every missing file of {@code entries}; progress and steps go to {@code work}. */
    void download(List<ManifestEntry> entries, WorkContext work) throws IOException, InterruptedException {
        List<ManifestEntry> missing = entries.stream().filter(e -> !store.hasBlob(e.sha256()))
                .collect(java.util.stream.Collectors.toMap(ManifestEntry::sha256, e -> e, (a, b) -> a,
                        java.util.LinkedHashMap::new)).values().stream().toList();
        long total = missing.stream().mapToLong(ManifestEntry::size).sum();
        work.log(WorkContext.LogLevel.INFO, "Загрузка файлов: " + missing.size() + " из " + entries.size()
                + " (" + Sizes.russian(total) + "), остальные уже есть на сервере");
        Progress progress = new Progress(total, work, settings.downloadLimit());
        for (ManifestEntry e : missing) {
            work.checkpoint();
            work.step("Загрузка " + e.path() + " (" + Sizes.russian(e.size()) + ")");
            fetch(e, progress, work);
        }
        work.progress(100);
    }

    private void fetch(ManifestEntry e, Progress progress, WorkContext work) throws IOException, InterruptedException {
        Path part = store.part(e.sha256());
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (have > e.size()) {
            Files.delete(part);
            have = 0;
        }
        if (have < e.size()) {
            if (have > 0) {
                work.log(WorkContext.LogLevel.INFO, "Докачка " + e.path() + " с байта " + have + " из " + e.size());
            }
            have = request(e, part, have, progress, work);
        }
        progress.add(0);
        String actual = Sha256.of(part);
        if (have != e.size() || !actual.equals(e.sha256())) {
            Files.deleteIfExists(part);
            throw new HashMismatchException(e.path(), actual, e.sha256());
        }
        store.commit(e.sha256());
    }

    /** One GET, resuming at {@code have}; returns the bytes now in the part file. */
    private long request(ManifestEntry e, Path part, long have, Progress progress, WorkContext work)
            throws IOException, InterruptedException {
        String url = cloud.hubUrl() + "/api/v1/files/" + e.sha256();
        Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
        // One byte more than the file may have: a longer answer is cut there and refused by the size check.
        try {
            return http.call(HttpMethod.GET, url, "файл " + e.path(), headers, null, e.size() + 1, null, (status, h, in) -> {
                try {
                    return receive(e, part, have, status, url, in, progress, work);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("загрузка прервана");
                }
            });
        } catch (java.io.InterruptedIOException ie) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException(ie.getMessage());
            }
            throw ie;
        }
    }

    private long receive(ManifestEntry e, Path part, long have, int status, String url, InputStream in,
                         Progress progress, WorkContext work) throws IOException, InterruptedException {
        boolean append;
        if (status == 206 && have > 0) {
            append = true;
        } else if (status == 200) {
            append = false;
            if (have > 0) {
                work.log(WorkContext.LogLevel.WARN, "Облако не поддержало докачку " + e.path() + ", загрузка заново");
            }
            progress.add(-have);
            have = 0;
        } else if (status == 416 && have == e.size()) {
            return have;
        } else {
            throw new IOException("HTTP " + status + " на " + url);
        }
        progress.add(have);
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[CHUNK];
            int n;
            while (have < e.size() && (n = in.read(buf, 0, (int) Math.min(buf.length, e.size() + 1 - have))) >= 0) {
                out.write(buf, 0, n);
                have += n;
                progress.add(n);
                work.checkpoint();
            }
        }
        return have;
    }

    /** Percent over all missing files, and the bandwidth limit. */
    private static final class Progress {
        private final long total;
        private final WorkContext work;
        private final long limit;
        private final long startedNanos = System.nanoTime();
        private long done;
        private long counted;

        Progress(long total, WorkContext work, long limit) {
            this.total = total;
            this.work = work;
            this.limit = limit;
        }

        void add(long bytes) throws InterruptedException {
            done += bytes;
            if (bytes > 0) {
                counted += bytes;
            }
            work.progress(total == 0 ? 100 : (int) Math.min(99, Math.max(0, done) * 100 / total));
            if (limit > 0 && bytes > 0) {
                long dueNanos = counted * 1_000_000_000L / limit;
                long ahead = dueNanos - (System.nanoTime() - startedNanos);
                if (ahead > 0) {
                    Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                }
            }
        }
    }
}
