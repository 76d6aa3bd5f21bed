package ru.ksamu.server.firebird;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.firebird.*}: how the server talks to the Firebird / RedDatabase servers of its
 * managed bases through the services API.
 *
 * @param connectTimeout  the longest wait for a Firebird server to accept a connection
 * @param serviceTimeout  the longest silence of a services call (sweep, validation, gbak) before it
 *                        is given up: every read from the server waits at most this long
 * @param shutdownWait    how long the attachments of a base being restored over get to end before
 *                        they are cut off (the base is shut down meanwhile: no new attachments)
 * @param scratchFolder   the folder, on the Firebird server's machine, where each backup is restored
 *                        for its check; empty = the folder of the base itself
 */
@ConfigurationProperties("ksamu.firebird")
record FirebirdSettings(@DefaultValue("10s") Duration connectTimeout,
                               @DefaultValue("1h") Duration serviceTimeout,
                               @DefaultValue("30s") Duration shutdownWait,
                               @DefaultValue("") String scratchFolder) {

    FirebirdSettings {
        positive("ksamu.firebird.connect-timeout", connectTimeout, Duration.ofMinutes(10));
        positive("ksamu.firebird.service-timeout", serviceTimeout, Duration.ofDays(2));
        if (shutdownWait.isNegative() || shutdownWait.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSettingException("ksamu.firebird.shutdown-wait", shutdownWait.toString(),
                    "нужно от 0 до 1 часа", "expected 0 to 1 hour");
        }
        scratchFolder = scratchFolder == null ? "" : scratchFolder.strip();
        if (!scratchFolder.isEmpty() && !Path.of(scratchFolder).isAbsolute()) {
            throw new InvalidSettingException("ksamu.firebird.scratch-folder", scratchFolder,
                    "нужен абсолютный путь на машине сервера Firebird", "an absolute path on the Firebird server's machine is needed");
        }
    }

    private static void positive(String key, Duration d, Duration max) {
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw new InvalidSettingException(key, d.toString(), "нужно больше 0 и не больше " + max,
                    "expected more than 0 and at most " + max);
        }
    }
}
