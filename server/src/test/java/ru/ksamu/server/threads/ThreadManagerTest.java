package ru.ksamu.server.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadManagerTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> admitted = Collections.synchronizedList(new ArrayList<>());
    private ThreadManager threads;

    private ThreadManager manager(int pool, Duration stopTimeout) {
        WorkJournal counting = WorkJournal.counting();
        threads = new ThreadManager(new ThreadSettings(pool, stopTimeout, 1000), Clock.systemUTC(), new WorkJournal() {
            @Override
            public long open(WorkRequest request, java.time.Instant submittedAt) {
                return counting.open(request, submittedAt);
            }

            @Override
            public void started(long runId, java.time.Instant at) {
                admitted.add(runId);
            }

            @Override
            public void finished(WorkSnapshot unit) {
            }

            @Override
            public void log(WorkSnapshot unit, WorkContext.LogLevel level, String messageRu) {
                log.add(level + " " + unit.name() + ": " + messageRu);
            }
        });
        return threads;
    }

    @AfterEach
    void close() {
        if (threads != null) {
            threads.close();
        }
    }

    private static Work until(CountDownLatch release) {
        return ctx -> {
            while (!release.await(5, TimeUnit.MILLISECONDS)) {
                ctx.checkpoint();
            }
        };
    }

    private WorkSnapshot state(long id) {
        return threads.get(id).orElseThrow();
    }

    @Test
    void exclusiveUnitWaitsForRunningUnitsAndLaterArrivalsWaitBehindIt() throws Exception {
        manager(4, Duration.ofSeconds(5));
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch releaseX = new CountDownLatch(1);
        long a = threads.submit(WorkRequest.task("A", WorkKind.SCHEDULED, "t", false, 1L, until(releaseA))).id();
        await().until(() -> state(a).state() == WorkState.RUNNING);
        long x = threads.submit(WorkRequest.task("X", WorkKind.MANUAL, "admin", true, 2L, until(releaseX))).id();
        long b = threads.submit(WorkRequest.task("B", WorkKind.SCHEDULED, "t", false, 3L, ctx -> { })).id();

        assertThat(state(x).state()).isEqualTo(WorkState.WAITING);
        assertThat(state(x).waitingFor()).contains("«A»");
        assertThat(state(b).state()).isEqualTo(WorkState.WAITING);
        assertThat(state(b).waitingFor()).contains("«X»");

        releaseA.countDown();
        await().until(() -> state(x).state() == WorkState.RUNNING);
        assertThat(state(b).state()).isEqualTo(WorkState.WAITING);
        assertThat(state(b).waitingFor()).contains("монопольную").contains("«X»");
        releaseX.countDown();
        await().until(() -> state(b).state() == WorkState.DONE);
    }

    @Test
    void manyConcurrentUnitsStartInArrivalOrderWithoutStarvation() throws Exception {
        manager(3, Duration.ofSeconds(5));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ConcurrentLinkedQueue<Integer> startOrder = new ConcurrentLinkedQueue<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger exclusiveViolations = new AtomicInteger();
        AtomicInteger poolViolations = new AtomicInteger();
        List<ThreadManager.WorkHandle> handles = new ArrayList<>();
        List<Integer> exclusives = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            boolean exclusive = random.nextInt(10) == 0;
            if (exclusive) {
                exclusives.add(n);
            }
            handles.add(threads.submit(WorkRequest.task("u" + n, WorkKind.SCHEDULED, "t", exclusive, (long) n, ctx -> {
                startOrder.add(n);
                int now = running.incrementAndGet();
                if (exclusive && now != 1) {
                    exclusiveViolations.incrementAndGet();
                }
                if (now > 3) {
                    poolViolations.incrementAndGet();
                }
                Thread.onSpinWait();
                running.decrementAndGet();
            })));
        }
        for (ThreadManager.WorkHandle h : handles) {
            assertThat(h.completion().get(30, TimeUnit.SECONDS).state()).as("seed " + seed).isEqualTo(WorkState.DONE);
        }
        assertThat(exclusiveViolations).as("seed " + seed).hasValue(0);
        assertThat(poolViolations).as("seed " + seed).hasValue(0);
        // FIFO admission: every exclusive unit started after all earlier units and before all later ones.
        List<Integer> order = new ArrayList<>(startOrder);
        for (int n : exclusives) {
            assertThat(order.indexOf(n)).as("seed " + seed + ": exclusive unit " + n).isEqualTo(n);
        }
        // The gate admits strictly in arrival order (run ids are handed out in arrival order).
        assertThat(admitted).as("seed " + seed).hasSize(300).isSorted();
    }

    @Test
    void stopTakesEffectAtTheNextSafePoint() throws Exception {
        manager(2, Duration.ofSeconds(5));
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        var h = threads.submit(WorkRequest.task("loop", WorkKind.MANUAL, "admin", false, 1L, ctx -> {
            started.countDown();
            while (true) {
                ctx.checkpoint();
                steps.incrementAndGet();
                Thread.sleep(1);
            }
        }));
        started.await();
        assertThat(threads.stop(h.id(), "admin")).isTrue();
        WorkSnapshot end = h.completion().get(5, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(WorkState.STOPPED);
        assertThat(log).anyMatch(l -> l.contains("Запрошена остановка (admin)"));
    }

    @Test
    void criticalSectionIsNeverCutAndShowsItIsFinishing() throws Exception {
        manager(2, Duration.ofSeconds(5));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finishCritical = new CountDownLatch(1);
        AtomicInteger completedCritical = new AtomicInteger();
        var h = threads.submit(WorkRequest.task("migration", WorkKind.MANUAL, "admin", true, 1L, ctx -> {
            ctx.critical("Миграция базы", () -> {
                inside.countDown();
                finishCritical.await();
                ctx.checkpoint(); // inside a critical section a stop does not cut
                completedCritical.incrementAndGet();
                return null;
            });
            ctx.checkpoint();
        }));
        inside.await();
        threads.stopAll("admin");
        WorkSnapshot during = state(h.id());
        assertThat(during.state()).isEqualTo(WorkState.STOPPING);
        assertThat(during.critical()).isTrue();
        assertThat(during.step()).isEqualTo("Миграция базы");
        finishCritical.countDown();
        assertThat(h.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(WorkState.STOPPED);
        assertThat(completedCritical).hasValue(1);
    }

    @Test
    void stopAllRemovesWaitingExclusiveUnitAndSparesSystemWork() throws Exception {
        manager(2, Duration.ofSeconds(5));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch systemRelease = new CountDownLatch(1);
        var running = threads.submit(WorkRequest.task("busy", WorkKind.SCHEDULED, "t", false, 1L, until(release)));
        await().until(() -> state(running.id()).state() == WorkState.RUNNING);
        var waiting = threads.submit(WorkRequest.task("update", WorkKind.MANUAL, "admin", true, 2L, ctx -> { }));
        var system = threads.submit(WorkRequest.system("events", ctx -> systemRelease.await()));
        assertThat(state(waiting.id()).state()).isEqualTo(WorkState.WAITING);

        assertThat(threads.stopAll("admin")).isEqualTo(2);
        assertThat(waiting.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(WorkState.STOPPED);
        assertThat(running.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(WorkState.STOPPED);
        assertThat(state(system.id()).state()).isEqualTo(WorkState.RUNNING);
        systemRelease.countDown();
        assertThat(system.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(WorkState.DONE);
    }

    @Test
    void unitIgnoringStopIsReportedAsNotResponding() throws Exception {
        manager(2, Duration.ofMillis(300));
        CountDownLatch release = new CountDownLatch(1);
        var h = threads.submit(WorkRequest.task("stubborn", WorkKind.MANUAL, "admin", false, 1L,
                ctx -> release.await()));
        await().until(() -> state(h.id()).state() == WorkState.RUNNING);
        threads.stop(h.id(), "admin");
        await().atMost(Duration.ofSeconds(5)).until(() -> state(h.id()).unresponsive());
        await().atMost(Duration.ofSeconds(5)).until(() -> log.stream().anyMatch(l -> l.contains("не отвечает на остановку")));
        release.countDown();
        assertThat(h.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(WorkState.STOPPED);
        assertThat(state(h.id()).unresponsive()).isFalse();
    }

    @Test
    void failingUnitShowsErrorState() throws Exception {
        manager(2, Duration.ofSeconds(5));
        var h = threads.submit(WorkRequest.task("bad", WorkKind.MANUAL, "admin", false, 1L, ctx -> {
            throw new IllegalStateException("диск заполнен");
        }));
        WorkSnapshot end = h.completion().get(5, TimeUnit.SECONDS);
        assertThat(end.state()).isEqualTo(WorkState.FAILED);
        assertThat(end.error()).isEqualTo("диск заполнен");
    }

    @Test
    void completionCallbacksRunOutsideTheManagersLock() throws Exception {
        // Found by the scheduler benchmark: the task engine re-arms its trigger in a completion
        // callback under its own lock while a Quartz thread, holding that lock, submits a unit.
        manager(2, Duration.ofSeconds(5));
        Object engineLock = new Object();
        CountDownLatch release = new CountDownLatch(1);
        var first = threads.submit(WorkRequest.task("first", WorkKind.SCHEDULED, "t", false, 1L, ctx -> release.await()));
        first.completion().whenComplete((s, e) -> {
            synchronized (engineLock) {
                log.add("re-armed");
            }
        });
        var submitted = new java.util.concurrent.CompletableFuture<Long>();
        synchronized (engineLock) {
            release.countDown();
            await().until(() -> state(first.id()).state() == WorkState.DONE);
            Thread other = new Thread(() -> submitted.complete(
                    threads.submit(WorkRequest.task("second", WorkKind.SCHEDULED, "t", false, 2L, ctx -> { })).id()));
            other.start();
            assertThat(submitted.get(5, TimeUnit.SECONDS)).isPositive();
        }
        await().until(() -> log.contains("re-armed"));
    }
}
