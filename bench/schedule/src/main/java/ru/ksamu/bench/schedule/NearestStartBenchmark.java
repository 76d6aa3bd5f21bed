package ru.ksamu.bench.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ru.ksamu.schedule.DayParity;
import ru.ksamu.schedule.Periodicity;
import ru.ksamu.schedule.Schedule;

/**
 * Nearest-start computations per second on one thread. Each call takes the next of 1,024
 * moments spread over 2024–2025 (fixed seed), so the JIT cannot fold the answer and every part
 * of a week, a month and a DST change is met.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearestStartBenchmark {

    private static final int MOMENTS = 1 << 10;

    /** Moscow has no clock changes; Berlin has two a year. */
    @Param({"Europe/Moscow", "Europe/Berlin"})
    public String zone;

    private Schedule worstRealistic;
    private Schedule articleCloud;
    private Schedule neverDailyInWindow;
    private Schedule neverWeeklyOnForbiddenDay;
    private ZonedDateTime[] moments;
    private int next;

    @Setup
    public void setUp() {
        // The worst realistic case: every 2 minutes, a 15-hour window, odd days, two forbidden weekdays.
        worstRealistic = Schedule.of("bench", "worst realistic", LocalDateTime.of(2016, 1, 1, 0, 8), Periodicity.MINUTES_2)
                .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0))
                .withDays(DayParity.ODD)
                .withForbiddenWeekdays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        // The article's "Обновление КСАМУ из облака" with a 21-minute installation offset.
        articleCloud = Schedule.of("cloud-update", "Обновление КСАМУ из облака", LocalDateTime.of(2016, 1, 1, 0, 8),
                        Periodicity.MINUTES_30)
                .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0))
                .withOffset(Duration.ofMinutes(21));
        neverDailyInWindow = Schedule.of("bench", "never: daily in window", LocalDateTime.of(2016, 1, 1, 3, 0), Periodicity.DAY)
                .withForbiddenWindow(LocalTime.MIDNIGHT, LocalTime.of(6, 0));
        neverWeeklyOnForbiddenDay = Schedule.of("bench", "never: weekly on forbidden day",
                        LocalDateTime.of(2014, 4, 24, 20, 0), Periodicity.WEEK)
                .withForbiddenWeekdays(Set.of(DayOfWeek.THURSDAY));

        ZoneId zoneId = ZoneId.of(zone);
        Random random = new Random(20240601);
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        long span = Duration.ofDays(2 * 365).toSeconds();
        moments = new ZonedDateTime[MOMENTS];
        for (int i = 0; i < MOMENTS; i++) {
            moments[i] = from.plusSeconds(random.nextLong(span)).atZone(zoneId);
        }
    }

    private ZonedDateTime nextMoment() {
        return moments[next++ & (MOMENTS - 1)];
    }

    @Benchmark
    public Optional<ZonedDateTime> worstRealistic() {
        return worstRealistic.nearestStart(nextMoment());
    }

    @Benchmark
    public Optional<ZonedDateTime> articleCloud() {
        return articleCloud.nearestStart(nextMoment());
    }

    @Benchmark
    public Optional<ZonedDateTime> neverDailyInWindow() {
        return neverDailyInWindow.nearestStart(nextMoment());
    }

    @Benchmark
    public Optional<ZonedDateTime> neverWeeklyOnForbiddenDay() {
        return neverWeeklyOnForbiddenDay.nearestStart(nextMoment());
    }
}
