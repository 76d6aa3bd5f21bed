package ru.ksamu.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.ksamu.platform.InvalidSettingException;

class UpdateReportSettingsTest {

    @Test
    void theWaitDoublesPerFailureUpToTheMaximum() {
        UpdateReportSettings s = new UpdateReportSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), 1000);
        assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(s.backoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.backoff(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void badValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> new UpdateReportSettings(Duration.ZERO, Duration.ofHours(1), 10))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.update.reports.retry-min");
        assertThatThrownBy(() -> new UpdateReportSettings(Duration.ofMinutes(2), Duration.ofMinutes(1), 10))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.update.reports.retry-max");
        assertThatThrownBy(() -> new UpdateReportSettings(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.update.reports.outbox-max");
    }
}
