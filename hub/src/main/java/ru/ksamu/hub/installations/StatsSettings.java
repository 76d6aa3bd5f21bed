package ru.ksamu.hub.installations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.hub.stats.*}: how often one installation may report, and how large a report may be.
 *
 * @param minInterval   a report sooner than this after the installation's last one is refused (429)
 * @param maxReportSize a larger body is refused (413) before it is read
 */
@ConfigurationProperties("ksamu.hub.stats")
record StatsSettings(@DefaultValue("1m") Duration minInterval, @DefaultValue("64KB") DataSize maxReportSize) {

    StatsSettings {
        if (minInterval.isNegative()) {
            throw new InvalidSettingException("ksamu.hub.stats.min-interval", minInterval.toString(),
                    "не может быть отрицательным", "must not be negative");
        }
        if (maxReportSize.toBytes() < 1024 || maxReportSize.toBytes() > 10 * 1024 * 1024) {
            throw new InvalidSettingException("ksamu.hub.stats.max-report-size", maxReportSize.toString(),
                    "нужно от 1KB до 10MB", "expected 1KB to 10MB");
        }
    }
}
