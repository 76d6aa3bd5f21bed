package ru.ksamu.server.threads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.threads.*}: the thread manager's limits.
 *
 * @param poolSize    how many non-exclusive units run together
 * @param stopTimeout how long a unit may ignore a stop before it is reported as not responding
 * @param history     how many finished units the thread manager keeps on view
 */
@ConfigurationProperties("ksamu.threads")
record ThreadSettings(@DefaultValue("4") int poolSize, @DefaultValue("30s") Duration stopTimeout,
                             @DefaultValue("200") int history) {

    public ThreadSettings {
        if (poolSize < 1 || poolSize > 256) {
            throw new InvalidSettingException("ksamu.threads.pool-size", Integer.toString(poolSize),
                    "от 1 до 256", "from 1 to 256");
        }
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new InvalidSettingException("ksamu.threads.stop-timeout", stopTimeout.toString(),
                    "должно быть больше нуля", "must be positive");
        }
        if (history < 0) {
            throw new InvalidSettingException("ksamu.threads.history", Integer.toString(history),
                    "не может быть отрицательным", "cannot be negative");
        }
    }
}
