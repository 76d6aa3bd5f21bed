package ru.ksamu.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.ksamu.release.Durations;

/**
 * The supervisor's command line. Its own options are taken out; everything else goes to the
 * server unchanged.
 *
 * @param dataDir       the server's data folder ({@code --ksamu.data-dir=}, else {@code KSAMU_DATA_DIR},
 *                      else {@code ./data}), absolute
 * @param bundledJar    {@code --bundled-jar=}: the server jar that seeds {@code versions/} on the first start
 * @param healthTimeout {@code --health-timeout=}: how long a new version has to answer UP
 * @param serverArgs    the arguments passed to every server process
 */
record SupervisorOptions(Path dataDir, Optional<Path> bundledJar, Duration healthTimeout, List<String> serverArgs) {

    /** How long a new server version has to report itself UP before it is rolled back. */
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);

    static final String DATA_DIR = "--ksamu.data-dir=";
    static final String BUNDLED_JAR = "--bundled-jar=";
    static final String HEALTH_TIMEOUT = "--health-timeout=";

    public SupervisorOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bundledJar, "bundledJar");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        if (healthTimeout.isNegative() || healthTimeout.isZero()) {
            throw bad(HEALTH_TIMEOUT + healthTimeout.toSeconds(), "должно быть больше нуля", "must be positive");
        }
        serverArgs = List.copyOf(serverArgs);
    }

    /** Reads the command line; the environment supplies {@code KSAMU_DATA_DIR}. */
    public static SupervisorOptions parse(String[] args, Map<String, String> env) {
        Path dataDir = null;
        Path bundled = null;
        Duration health = DEFAULT_HEALTH_TIMEOUT;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith(BUNDLED_JAR)) {
                bundled = Path.of(a.substring(BUNDLED_JAR.length())).toAbsolutePath().normalize();
            } else if (a.startsWith(HEALTH_TIMEOUT)) {
                health = duration(a);
            } else {
                if (a.startsWith(DATA_DIR)) {
                    dataDir = Path.of(a.substring(DATA_DIR.length()));
                }
                rest.add(a);
            }
        }
        if (dataDir == null) {
            String fromEnv = env.get("KSAMU_DATA_DIR");
            dataDir = Path.of(fromEnv == null || fromEnv.isBlank() ? "./data" : fromEnv);
        }
        return new SupervisorOptions(dataDir.toAbsolutePath().normalize(), Optional.ofNullable(bundled), health, rest);
    }

    /** {@code 120}, {@code 120s}, {@code 2m} or ISO-8601 {@code PT2M}. */
    static Duration duration(String arg) {
        try {
            return Durations.parse(arg.substring(HEALTH_TIMEOUT.length()));
        } catch (IllegalArgumentException e) {
            throw bad(arg, "ожидается длительность, например 120s или 2m", "expected a duration such as 120s or 2m");
        }
    }

    private static SupervisorException bad(String arg, String ru, String en) {
        return new SupervisorException(Supervisor.EXIT_USAGE, "Неверный параметр " + arg + ": " + ru,
                "invalid option " + arg + ": " + en);
    }
}
