package ru.ksamu.dist;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where an unpacked distribution keeps its parts: {@code bin/}, {@code lib/} with one jar per
 * program under a fixed name, {@code config/} (or {@code KSAMU_CONFIG_DIR}, {@code /etc/ksamu} in
 * the packages) and the data folder ({@code KSAMU_DATA_DIR}, else {@code <home>/data}).
 *
 * @param home      the folder that holds {@code bin/} and {@code lib/}, absolute
 * @param configDir the folder with {@code ksamu-server.yml} or {@code ksamu-hub.yml}
 * @param dataDir   the data folder the server and the hub use
 */
record Installation(Path home, Path configDir, Path dataDir) {

    static final String CONFIG_DIR_ENV = "KSAMU_CONFIG_DIR";
    static final String DATA_DIR_ENV = "KSAMU_DATA_DIR";

    Installation {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The installation this launcher's jar sits in ({@code <home>/lib/ksamu.jar}), the environment naming the rest. */
    static Installation ofLauncher(Map<String, String> env) {
        Path jar;
        try {
            jar = Path.of(Ksamu.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The launcher's own location is not a file path", e);
        }
        Path lib = jar.toAbsolutePath().normalize().getParent();
        return of(lib.getParent(), env);
    }

    static Installation of(Path home, Map<String, String> env) {
        Path h = home.toAbsolutePath().normalize();
        return new Installation(h, dir(env.get(CONFIG_DIR_ENV), h.resolve("config")), dir(env.get(DATA_DIR_ENV), h.resolve("data")));
    }

    private static Path dir(String fromEnv, Path fallback) {
        return fromEnv == null || fromEnv.isBlank() ? fallback : Path.of(fromEnv).toAbsolutePath().normalize();
    }

    /** {@code lib/<name>}, which must exist: its absence means the installation is incomplete. */
    Path jar(String name) {
        Path jar = home.resolve("lib").resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new DistException(DistException.EXIT_MISSING,
                    "нет файла " + jar + ": этой программы нет в этом дистрибутиве или он повреждён, распакуйте его заново",
                    "missing " + jar + ": this program is not part of this distribution or it is damaged; unpack it again");
        }
        return jar;
    }

    /** The start script this installation carries, for a service definition. */
    Path script(boolean windows) {
        return home.resolve("bin").resolve(windows ? "ksamu.cmd" : "ksamu");
    }
}
