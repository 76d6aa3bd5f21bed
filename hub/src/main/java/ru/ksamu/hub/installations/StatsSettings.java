package ru.ksamu.hub.installations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.hub.stats.*}: how often one installation may report, how large a report may be, how
 * far its sending time may stray from the hub's clock, and how many new installations one address
 * may register.
 *
 * @param minInterval          a report sooner than this after the installation's last one is refused (429)
 * @param maxReportSize        a larger body is refused (413) before it is read
 * @param maxClockSkew         a report whose {@code X-Ksamu-Sent-At} is further than this from the hub's
 *                             clock, either way, is refused (409 {@code CLOCK_SKEW})
 * @param maxNewPerAddress     new installations one address may register within {@code newPerAddressWindow};
 *                             the next is refused (429)
 * @param newPerAddressWindow  the window of {@code maxNewPerAddress}, sliding
 */
@ConfigurationProperties("ksamu.hub.stats")
record StatsSettings(@DefaultValue("1m") Duration minInterval,
                     @DefaultValue("64KB") DataSize maxReportSize,
                     @DefaultValue("10m") Duration maxClockSkew,
                     @DefaultValue("20") int maxNewPerAddress,
                     @DefaultValue("24h") Duration newPerAddressWindow) {

    StatsSettings {
        if (minInterval.isNegative()) {
            throw new InvalidSettingException("ksamu.hub.stats.min-interval", minInterval.toString(),
                    "не может быть отрицательным", "must not be negative");
        }
        if (maxReportSize.toBytes() < 1024 || maxReportSize.toBytes() > 10 * 1024 * 1024) {
            throw new InvalidSettingException("ksamu.hub.stats.max-report-size", maxReportSize.toString(),
                    "нужно от 1KB до 10MB", "expected 1KB to 10MB");
        }
        if (maxClockSkew.compareTo(Duration.ofSeconds(1)) < 0 || maxClockSkew.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidSettingException("ksamu.hub.stats.max-clock-skew", maxClockSkew.toString(),
                    "нужно от 1s до 1d", "expected 1s to 1d");
        }
        if (maxNewPerAddress < 1 || maxNewPerAddress > 1_000_000) {
            throw new InvalidSettingException("ksamu.hub.stats.max-new-per-address", Integer.toString(maxNewPerAddress),
                    "нужно от 1 до 1000000", "expected 1 to 1000000");
        }
        if (newPerAddressWindow.compareTo(Duration.ofSeconds(1)) < 0 || newPerAddressWindow.compareTo(Duration.ofDays(366)) > 0) {
            throw new InvalidSettingException("ksamu.hub.stats.new-per-address-window", newPerAddressWindow.toString(),
                    "нужно от 1s до 366d", "expected 1s to 366d");
        }
    }
}
