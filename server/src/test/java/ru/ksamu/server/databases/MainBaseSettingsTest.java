package ru.ksamu.server.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.platform.InvalidSettingException;

class MainBaseSettingsTest {

    static MainBaseSettings of(String backup, String command) {
        return new MainBaseSettings(backup, List.of(), command, Duration.ofMinutes(5), 2, Duration.ofMinutes(1));
    }

    @Test
    void everyModeIsReadByItsKeyAndEmptyMeansAuto() {
        for (BackupMode m : BackupMode.values()) {
            assertThat(of(m.key(), "zfs snapshot tank/ksamu@$KSAMU_SNAPSHOT_NAME").mode()).isEqualTo(m);
        }
        assertThat(of(" Before-Countdown ", "").mode()).isEqualTo(BackupMode.BEFORE_COUNTDOWN);
        assertThat(of("", "").mode()).isEqualTo(BackupMode.AUTO);
    }

    @Test
    void aBadValueStopsTheStartNamingTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> of("true", "")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.update.backup = \"true\"")
                .hasMessageContaining("auto, restore-point, snapshot, before-countdown, under-lock, off");
    }

    @Test
    void snapshotNeedsItsCommandAndTheNumbersTheirRange() {
        assertThatThrownBy(() -> of("snapshot", " ")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.update.snapshot-command");
        assertThatThrownBy(() -> new MainBaseSettings("auto", List.of(), "", Duration.ZERO, 2, Duration.ofMinutes(1)))
                .hasMessageContaining("ksamu.update.snapshot-timeout");
        assertThatThrownBy(() -> new MainBaseSettings("auto", List.of(), "", Duration.ofMinutes(5), 0, Duration.ofMinutes(1)))
                .hasMessageContaining("ksamu.update.backup-jobs");
        assertThatThrownBy(() -> new MainBaseSettings("auto", List.of(), "", Duration.ofMinutes(5), 2, Duration.ZERO))
                .hasMessageContaining("ksamu.update.postpone-step");
    }
}
