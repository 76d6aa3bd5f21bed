package ru.ksamu.server.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.update.countdown}: the part of the update settings the countdown-and-lock machine reads
 * (the other {@code ksamu.update.*} keys are in {@code UpdateSettings} and {@code MainBaseSettings}).
 *
 * @param countdown how long clients are warned before a major update (or a restore of the main base)
 *                  locks the base: the article's 8 minutes
 */
@ConfigurationProperties("ksamu.update")
record MaintenanceSettings(@DefaultValue("8m") Duration countdown) {

    public MaintenanceSettings {
        if (countdown.isNegative()) {
            throw new InvalidSettingException("ksamu.update.countdown", countdown.toString(),
                    "не может быть отрицательным", "must not be negative");
        }
    }
}
