package ru.ksamu.hub.mirror;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link MirrorSync} on one background thread that this bean owns (as the Telegram sender
 * does): at start, then {@code ksamu.hub.upstream-interval} after the end of each sync, so that a
 * slow sync never overlaps the next. A second thread, also owned here ({@code ksamu-mirror-hash}),
 * hashes each file while the sync thread receives it ({@link FileFetch}). Stopping interrupts a
 * sync in progress (a read from the upstream ends within the read timeout) and both threads; its
 * part files stay for the next start to resume.
 */
final class MirrorScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MirrorScheduler.class);

    private final MirrorSync sync;
    private final UpstreamSettings settings;
    private final MirrorStatus status;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;
    private volatile ExecutorService hasher;

    MirrorScheduler(MirrorSync sync, UpstreamSettings settings, MirrorStatus status, Clock clock) {
        this.sync = sync;
        this.settings = settings;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void start() {
        log.info("Зеркало хаба {}: синхронизация каждые {} / mirror of {}: sync every {}, connect timeout {},"
                        + " read timeout {}, proxy {}", settings.upstream(), settings.upstreamInterval(), settings.upstream(),
                settings.upstreamInterval(), settings.upstreamConnectTimeout(), settings.upstreamReadTimeout(),
                settings.proxy().direct() ? "none" : settings.proxy());
        hasher = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ksamu-mirror-hash");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ksamu-mirror-sync");
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        started.scheduleWithFixedDelay(this::runOnce, 0, settings.upstreamInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            sync.run(hasher);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Never let an exception cancel the periodic task (e.g. the database is briefly away).
            log.warn("Mirror of {}: sync failed", settings.upstream(), e);
            status.failed(clock.instant(), "Зеркало хаба " + settings.upstream() + ": синхронизация прервана: " + e,
                    "mirror of hub " + settings.upstream() + ": the sync failed: " + e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdownNow();
        ExecutorService hashing = hasher;
        try {
            if (!current.awaitTermination(settings.upstreamReadTimeout().toSeconds() + 1, TimeUnit.SECONDS)) {
                log.warn("Mirror sync of {} did not stop in time", settings.upstream());
            }
            // After the sync thread: a fetch it was in cancels its hashing first.
            hashing.shutdownNow();
            if (!hashing.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Mirror hashing of {} did not stop in time", settings.upstream());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
