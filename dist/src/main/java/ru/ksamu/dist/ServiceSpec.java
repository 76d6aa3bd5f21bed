package ru.ksamu.dist;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service definition runs: one program of an installation, as whom, with which Java.
 *
 * @param program  {@code server} or {@code hub}
 * @param home     the installation folder (holds {@code bin/} and {@code lib/})
 * @param config   the settings folder ({@code KSAMU_CONFIG_DIR})
 * @param data     the data folder ({@code KSAMU_DATA_DIR}), also the working directory
 * @param user     the account the service runs as; empty = the service manager's default
 * @param javaHome the Java runtime to pin; empty = the start script looks for one (PATH)
 */
record ServiceSpec(String program, Path home, Path config, Path data, Optional<String> user, Optional<Path> javaHome) {

    ServiceSpec {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(javaHome, "javaHome");
        if (!"server".equals(program) && !"hub".equals(program)) {
            throw new DistException(DistException.EXIT_USAGE, "службой может быть только server или hub, не \"" + program + "\"",
                    "only server or hub can be a service, not \"" + program + "\"");
        }
        if (user.isPresent() && !user.get().matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new DistException(DistException.EXIT_USAGE, "недопустимое имя пользователя \"" + user.get() + "\"",
                    "invalid user name \"" + user.get() + "\"");
        }
    }

    /** {@code ksamu-server} or {@code ksamu-hub}: the unit's and the Windows service's id. */
    String id() {
        return "ksamu-" + program;
    }

    /** The Russian and English names an admin sees in the service list. */
    String title() {
        return "server".equals(program) ? "Сервер КСАМУ (KSAMU server)" : "Хаб КСАМУ (KSAMU hub)";
    }
}
