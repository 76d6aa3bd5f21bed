package ru.ksamu.server.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate timer of the real thread manager: what each gated unit waited, by its rule; system work is not gated. */
class ThreadMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ThreadManager threads = new ThreadManager(new ThreadSettings(4, Duration.ofSeconds(5), 100),
            Clock.systemUTC(), WorkJournal.counting(), new ThreadMetrics(meters));

    @AfterEach
    void close() {
        threads.close();
    }

    private Timer gate(String rule) {
        return meters.get("ksamu.threads.gate.wait").tag("rule", rule).timer();
    }

    @Test
    void anExclusiveUnitsWaitBehindARunningUnitIsTimedAndSystemWorkIsNot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        long a = threads.submit(WorkRequest.task("A", WorkKind.MANUAL, "t", false, 1L,
                ctx -> release.await(10, TimeUnit.SECONDS))).id();
        await().until(() -> threads.get(a).orElseThrow().state() == WorkState.RUNNING);
        var x = threads.submit(WorkRequest.task("X", WorkKind.MANUAL, "t", true, 2L, ctx -> { }));
        threads.submit(WorkRequest.system("S", ctx -> { })).completion().get(10, TimeUnit.SECONDS);
        await().until(() -> threads.get(x.id()).orElseThrow().state() == WorkState.WAITING);
        assertThat(gate("exclusive").count()).isZero();

        await().pollDelay(Duration.ofMillis(50)).until(() -> true);
        release.countDown();
        x.completion().get(10, TimeUnit.SECONDS);

        assertThat(gate("shared").count()).isEqualTo(1);
        assertThat(gate("exclusive").count()).isEqualTo(1);
        assertThat(gate("exclusive").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    }
}
