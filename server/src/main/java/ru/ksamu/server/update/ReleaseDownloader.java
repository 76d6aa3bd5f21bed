package ru.ksamu.server.update;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import ru.ksamu.release.download.ResumableDownload;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.threads.WorkContext;

/**
 * Brings a release's files from the hub into the {@link ReleaseStore}: only the files not already
 * kept, each by the release library's {@link ResumableDownload} into staging first (resumed with
 * {@code Range} from where a stopped or crashed download ended, verified against the signed
 * manifest's size and SHA-256), then committed. A file that does not match, or an answer longer
 * than the file, is deleted and the whole download refused. Honours the thread manager's stop
 * between chunks, and {@code ksamu.update.download-limit} (bytes per second). The calls go through
 * {@link HubHttp}: a hub that stops sending ({@code ksamu.update.read-timeout}) is cut with its
 * Russian reason, and the part file stays for the next attempt to resume.
 */
@Component
class ReleaseDownloader {

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
                .collect(Collectors.toMap(ManifestEntry::sha256, e -> e, (a, b) -> a, LinkedHashMap::new))
                .values().stream().toList();
        long total = missing.stream().mapToLong(ManifestEntry::size).sum();
        work.log(WorkContext.LogLevel.INFO, "Загрузка файлов: " + missing.size() + " из " + entries.size()
                + " (" + Sizes.russian(total) + "), остальные уже есть на сервере");
        Progress progress = new Progress(total, work, settings.downloadLimit());
        for (ManifestEntry e : missing) {
            work.checkpoint();
            work.step("Загрузка " + e.path() + " (" + Sizes.russian(e.size()) + ")");
            ResumableDownload.fetch(new ResumableDownload.Wanted(e.path(), e.size(), e.sha256()), store.part(e.sha256()),
                    transport(e), listener(e, progress, work));
            store.commit(e.sha256());
        }
        work.progress(100);
    }

    /** One GET of a file from the hub through {@link HubHttp} (its read timeout, its cap, its Russian reasons). */
    private ResumableDownload.Transport transport(ManifestEntry e) {
        String url = cloud.hubUrl() + "/api/v1/files/" + e.sha256();
        return (headers, maxBytes, receiver) -> {
            try {
                return http.call(HttpMethod.GET, url, "файл " + e.path(), headers, null, maxBytes, null, (status, h, in) -> {
                    try {
                        return receiver.receive(status, in);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("загрузка прервана");
                    }
                });
            } catch (InterruptedIOException ie) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(ie.getMessage());
                }
                throw ie;
            }
        };
    }

    /** The run log's lines, the progress and rate limit, and the thread manager's stop between chunks. */
    private static ResumableDownload.Listener listener(ManifestEntry e, Progress progress, WorkContext work) {
        return new ResumableDownload.Listener() {
            @Override
            public void resuming(long have) {
                work.log(WorkContext.LogLevel.INFO, "Докачка " + e.path() + " с байта " + have + " из " + e.size());
            }

            @Override
            public void restarting(long discarded) {
                work.log(WorkContext.LogLevel.WARN, "Облако не поддержало докачку " + e.path() + ", загрузка заново");
            }

            @Override
            public void started(long from) {
                progress.kept(from);
            }

            @Override
            public void written(long bytes) throws InterruptedException {
                progress.add(bytes);
                work.checkpoint();
            }
        };
    }

    /** Percent over all missing files, and the bandwidth limit (bytes per second, 0 for none). */
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

        /** Bytes already in a part file: they count as done, but not against the rate limit. */
        void kept(long bytes) {
            done += bytes;
            show();
        }

        void add(long bytes) throws InterruptedException {
            done += bytes;
            counted += bytes;
            show();
            if (limit > 0 && bytes > 0) {
                long dueNanos = counted * 1_000_000_000L / limit;
                long ahead = dueNanos - (System.nanoTime() - startedNanos);
                if (ahead > 0) {
                    Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                }
            }
        }

        private void show() {
            work.progress(total == 0 ? 100 : (int) Math.min(99, done * 100 / total));
        }
    }
}

