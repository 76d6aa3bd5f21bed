package ru.ksamu.server.reports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.update.reports.*}: how update reports wait for the hub.
 *
 * @param retryMin  the wait after the first failed attempt; it doubles with each failure
 * @param retryMax  the longest wait between attempts while the hub is away
 * @param outboxMax reports kept waiting at most; beyond that the oldest are dropped (newest kept)
 */
@ConfigurationProperties("ksamu.update.reports")
record UpdateReportSettings(@DefaultValue("30s") Duration retryMin,
                            @DefaultValue("1h") Duration retryMax,
                            @DefaultValue("1000") int outboxMax) {

    UpdateReportSettings {
        if (retryMin.compareTo(Duration.ofMillis(100)) < 0 || retryMin.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSettingException("ksamu.update.reports.retry-min", retryMin.toString(),
                    "нужно от 100ms до 1h", "expected 100ms to 1h");
        }
        if (retryMax.compareTo(retryMin) < 0 || retryMax.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidSettingException("ksamu.update.reports.retry-max", retryMax.toString(),
                    "нужно от retry-min до 1d", "expected retry-min to 1d");
        }
        if (outboxMax < 1 || outboxMax > 100_000) {
            throw new InvalidSettingException("ksamu.update.reports.outbox-max", Integer.toString(outboxMax),
                    "нужно от 1 до 100000", "expected 1 to 100000");
        }
    }

    /** The wait after {@code failures} failed attempts in a row: retryMin doubled per failure, at most retryMax. */
    Duration backoff(int failures) {
        Duration wait = retryMin;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
