package ru.ksamu.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a KSAMU Spring Boot service. A failed start ends the process with a non-zero exit code;
 * a bad setting also prints one line that names the key and the value.
 */
public final class KsamuApplication {

    /** Exit code for a bad setting. */
    public static final int EXIT_BAD_SETTING = 2;
    /** Exit code for any other start-up failure. */
    public static final int EXIT_START_FAILED = 1;

    private KsamuApplication() {
    }

    public static ConfigurableApplicationContext run(SpringApplicationBuilder application, String[] args) {
        try {
            return application.run(args);
        } catch (Throwable e) {
            InvalidSettingException bad = findSettingError(e);
            if (bad != null) {
                System.err.println("ОШИБКА: " + bad.getMessage());
                System.exit(EXIT_BAD_SETTING);
            }
            System.err.println("ОШИБКА: сервис не запустился / start-up failed: " + e);
            System.exit(EXIT_START_FAILED);
            return null;
        }
    }

    static InvalidSettingException findSettingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException bad) {
                return bad;
            }
        }
        return null;
    }
}
