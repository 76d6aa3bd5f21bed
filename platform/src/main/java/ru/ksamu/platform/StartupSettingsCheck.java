package ru.ksamu.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Checks the settings every KSAMU service depends on before any bean starts, so a bad value
 * stops start-up with one line naming the key and the value (and not a stack trace later):
 * the port, the data folder (made absolute, created owner-only with its {@code db/} and {@code keys/}
 * folders, probed for writing) and the databases listed
 * in {@code ksamu.startup-check.required-databases} (each must be H2 or PostgreSQL and answer).
 */
public class StartupSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String DATA_DIR = "ksamu.data-dir";
    static final String REQUIRED_DATABASES = "ksamu.startup-check.required-databases";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final String LOG_FORMAT = "ksamu.log-format";

    @Override
    public int getOrder() {
        // Last of the initializers, so settings that other initializers add (tests) are checked too.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        check(context.getEnvironment());
    }

    static void check(ConfigurableEnvironment env) {
        if (env.getProperty(DATA_DIR) == null) {
            return; // not a KSAMU service context (e.g. a library test)
        }
        checkPort(env);
        checkLogFormat(env.getProperty(LOG_FORMAT));
        Path dataDir = checkDataDir(env.getProperty(DATA_DIR));
        env.getPropertySources().addFirst(new MapPropertySource("ksamuResolvedDataDir",
                Map.of(DATA_DIR, dataDir.toString())));
        for (String key : env.getProperty(REQUIRED_DATABASES, String[].class, new String[0])) {
            checkDatabase(new DatabaseEndpoint(key, env.getProperty(key + ".url"),
                    env.getProperty(key + ".user"), env.getProperty(key + ".password")));
        }
    }

    /**
     * Checks {@code ksamu.log-format}. Logging is set up before this check runs, and the yml maps an
     * unknown value to plain text, so the start stops here rather than with a half-applied setting.
     */
    static void checkLogFormat(String raw) {
        if (raw == null || raw.equals("text") || raw.equals("json")) {
            return;
        }
        throw new InvalidSettingException(LOG_FORMAT, raw, "нужно text или json", "expected text or json");
    }

    /** Checks {@code ksamu.port}, the documented key, or {@code server.port} when set directly. */
    static void checkPort(ConfigurableEnvironment env) {
        String key = "ksamu.port";
        String raw = env.getProperty(key);
        String server = env.getProperty("server.port");
        if (server != null && !server.equals(raw)) {
            key = "server.port";
            raw = server;
        }
        if (raw == null) {
            return;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(key, raw,
                "порт должен быть числом от 0 до 65535 (0 — любой свободный)",
                "the port must be a number from 0 to 65535 (0 picks a free one)");
    }

    /**
     * Makes the data folder absolute, creates it and proves it can be written. The folder, its
     * {@code db/} (H2's files) and {@code keys/} (the hub's feed key) are created owner-only
     * ({@link OwnerOnly}) before anything writes there: H2 makes its files with the process's umask
     * (usually 644), so the folder is what keeps others out.
     */
    public static Path checkDataDir(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSettingException(DATA_DIR, String.valueOf(raw), "папка данных не задана", "the data folder is empty");
        }
        Path dir;
        try {
            DataFolder data = DataFolder.of(raw);
            dir = data.root();
            OwnerOnly.folder(dir);
            OwnerOnly.folder(data.db());
            OwnerOnly.folder(data.keys());
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(DATA_DIR, raw,
                    "в папку данных нельзя писать (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "the data folder cannot be written", e);
        }
        return dir;
    }

    static void checkDatabase(DatabaseEndpoint db) {
        DatabaseKind.of(db.key() + ".url", db.url()); // the service database: H2 or PostgreSQL only
        try (Connection c = db.connect(CONNECT_TIMEOUT)) {
            c.isValid((int) CONNECT_TIMEOUT.toSeconds());
        } catch (SQLException e) {
            throw new InvalidSettingException(db.key() + ".url", db.displayUrl(),
                    "база данных недоступна (" + firstLine(e.getMessage()) + ")",
                    "the database cannot be reached", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        List<String> lines = s.lines().toList();
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
