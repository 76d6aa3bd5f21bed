package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KsamuTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        Installation installation = Installation.of(home, env);
        return new Ksamu(installation, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandIsRefusedInRussianAndEnglishWithUsage() {
        assertThat(run(Map.of(), "frob")).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err()).contains("неизвестная команда \"frob\"", "unknown command \"frob\"", "Использование / usage");
    }

    @Test
    void helpAndNoArgumentsPrintTheUsage() {
        assertThat(run(Map.of())).isZero();
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server", "hub", "client", "release", "service");
    }

    @Test
    void aProgramThisDistributionDoesNotCarryIsNamedWithItsMissingFile() {
        assertThat(run(Map.of(), "server")).isEqualTo(DistException.EXIT_MISSING);
        assertThat(err()).contains("нет файла " + home.resolve("lib").resolve("ksamu-supervisor.jar"), "missing ");
    }

    @Test
    void configAndDataFoldersComeFromTheEnvironmentElseTheHome() {
        Installation own = Installation.of(home, Map.of());
        assertThat(own.configDir()).isEqualTo(home.resolve("config"));
        assertThat(own.dataDir()).isEqualTo(home.resolve("data"));
        Installation pkg = Installation.of(home, Map.of("KSAMU_CONFIG_DIR", "/etc/ksamu", "KSAMU_DATA_DIR", "/var/lib/ksamu"));
        assertThat(pkg.configDir()).isEqualTo(Path.of("/etc/ksamu"));
        assertThat(pkg.dataDir()).isEqualTo(Path.of("/var/lib/ksamu"));
    }

    @Test
    void serviceInstallWritesTheUnitWhereAsked() throws Exception {
        Path dir = home.resolve("units");
        assertThat(run(Map.of(), "service", "install", "hub", "--linux", "--out", dir.toString(), "--user", "ksamu")).isZero();
        String unit = Files.readString(dir.resolve("ksamu-hub.service"));
        assertThat(unit).contains("ExecStart=" + home.resolve("bin").resolve("ksamu") + " hub", "User=ksamu");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("systemctl daemon-reload && systemctl enable --now ksamu-hub");
    }

    @Test
    void serviceRefusesAnUnknownOptionAndABadUser() {
        assertThat(run(Map.of(), "service", "install", "--frob")).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err()).contains("неизвестный параметр \"--frob\"", "unknown option \"--frob\"");
        assertThat(run(Map.of(), "service", "install", "--user", "Root; rm")).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err()).contains("недопустимое имя пользователя");
        assertThat(run(Map.of(), "service")).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err()).contains("ожидается «service install»");
    }
}
