package ru.ksamu.server.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Durations;
import ru.ksamu.server.databases.RecoveryPoints;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.time.Times;

/**
 * The before-countdown backup of a major update (issue L): it runs while users work, as a unit of
 * its own in the thread manager (system work: the update is exclusive, so a gated unit would wait
 * behind it), and the lock waits for it: a backup not ready at the deadline moves the deadline on
 * (by as long as it has run so far, at most {@code ksamu.update.postpone-step}), with a message to
 * every client, rather than lock while it runs.
 */
@Component
class MajorUpdateBackup {

    private final ThreadManager threads;
    private final RecoveryPoints points;
    private final Maintenance maintenance;
    private final UpdateJournal journal;
    private final Clock clock;

    MajorUpdateBackup(ThreadManager threads, RecoveryPoints points, Maintenance maintenance, UpdateJournal journal,
                      Clock clock) {
        this.threads = threads;
        this.points = points;
        this.maintenance = maintenance;
        this.journal = journal;
        this.clock = clock;
    }

    /** A backup under way: its unit and its result. */
    final class Pending {
        private final long unit;
        private final CompletableFuture<RecoveryPoints.Backup> result;
        private final long started = System.nanoTime();

        Pending(long unit, CompletableFuture<RecoveryPoints.Backup> result) {
            this.unit = unit;
            this.result = result;
        }

        /**
         * Waits past the countdown's deadline until the backup is ready, postponing the lock while it
         * is not; returns the backup (the caller closes it). A failed backup fails here, before the lock.
         */
        RecoveryPoints.Backup ready(long job, String version, Instant deadline, WorkContext work) throws Exception {
            Instant at = deadline;
            while (!result.isDone()) {
                at = at.plus(step());
                maintenance.postpone(Maintenance.Operation.UPDATE, version, at,
                        "резервная копия главной базы ещё создаётся (" + Durations.lasted(
                                Duration.ofNanos(System.nanoTime() - started), true) + ")", work);
                journal.deadline(job, at);
                journal.step(job, UpdateJournal.State.COUNTDOWN, "Блокировка отложена: резервная копия ещё создаётся");
                maintenance.awaitDeadline(at, work);
            }
            RecoveryPoints.Backup b;
            try {
                b = result.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
            journal.backupPath(job, b.path().toString());
            work.log(WorkContext.LogLevel.INFO, "Резервная копия главной базы готова (" + b.how() + "): " + b.path() + " (" + size(b.path())
                    + " байт, " + Durations.lasted(Duration.ofNanos(System.nanoTime() - started), true)
                    + "); изменения, внесённые после " + Times.shown(b.takenAt(), clock.getZone()) + ", в неё не входят");
            return b;
        }

        /**
         * How far the lock moves: as long as the backup has run so far (whole seconds, at least one),
         * at most {@code ksamu.update.postpone-step}: a small base's backup that just missed a short
         * countdown costs a second, a large one's does not send a new countdown every second.
         */
        private Duration step() {
            long ran = Math.max(1, (System.nanoTime() - started + 999_999_999L) / 1_000_000_000L);
            Duration most = points.postponeStep();
            return Duration.ofSeconds(ran).compareTo(most) < 0 ? Duration.ofSeconds(ran) : most;
        }

        /** The countdown was cancelled or the update stopped: the backup stops too and its file goes. */
        void abandon(String by) {
            threads.stop(unit, by);
            result.thenAccept(b -> {
                b.close();
                try {
                    deleteTree(b.path());
                } catch (IOException e) {
                    // the file stays in the backups folder, where the admin sees it
                }
            });
        }
    }

    /** Starts the backup now, at the countdown's start. */
    Pending start(String version, WorkContext update) {
        CompletableFuture<RecoveryPoints.Backup> result = new CompletableFuture<>();
        long unit = threads.submit(WorkRequest.system("Резервная копия главной базы перед обновлением до " + version, ctx -> {
            try {
                ctx.step("Резервная копия главной базы (пользователи работают)");
                result.complete(points.beforeCountdown(version, ctx));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
                throw e;
            }
        })).id();
        update.log(WorkContext.LogLevel.INFO, "Резервная копия главной базы начата во время обратного отсчёта (поток №" + unit
                + "); изменения, внесённые во время отсчёта, в неё не войдут");
        return new Pending(unit, result);
    }

    private static long size(Path p) {
        try (var files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
