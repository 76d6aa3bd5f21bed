package ru.ksamu.hub.installations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;

class StatsSettingsTest {

    private static StatsSettings with(Duration skew, int perAddress, Duration window) {
        return new StatsSettings(Duration.ofMinutes(1), DataSize.ofKilobytes(64), skew, perAddress, window);
    }

    @Test
    void theDefaultsAreValid() {
        assertThatCode(() -> with(Duration.ofMinutes(10), 20, Duration.ofHours(24))).doesNotThrowAnyException();
    }

    @Test
    void aBadValueStopsStartUpNamingItsKey() {
        assertThatThrownBy(() -> with(Duration.ZERO, 20, Duration.ofHours(24)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.stats.max-clock-skew");
        assertThatThrownBy(() -> with(Duration.ofDays(2), 20, Duration.ofHours(24)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.stats.max-clock-skew");
        assertThatThrownBy(() -> with(Duration.ofMinutes(10), 0, Duration.ofHours(24)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.stats.max-new-per-address");
        assertThatThrownBy(() -> with(Duration.ofMinutes(10), 20, Duration.ofMillis(500)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.stats.new-per-address-window");
        assertThatThrownBy(() -> with(Duration.ofMinutes(10), 20, Duration.ofHours(-1)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.stats.new-per-address-window");
    }
}
