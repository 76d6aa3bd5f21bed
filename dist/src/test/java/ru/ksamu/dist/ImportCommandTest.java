package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ksamu server import}'s command line, its reading of the server's answer and of running.json. */
class ImportCommandTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Ksamu(Installation.of(home, env), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void noFileIsABadCommandLine() {
        assertThat(run(Map.of(), "server", "import")).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("не указан файл пакета релиза", "no bundle file given");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(run(Map.of(), "server", "import", home.resolve("нет.zip").toString())).isEqualTo(DistException.EXIT_MISSING);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("нет.zip", "не найден");
    }

    @Test
    void withoutAPasswordAndWithoutAConsoleItSaysWhereToGiveIt() throws Exception {
        Path file = Files.writeString(home.resolve("b.zip"), "x");
        assertThat(run(Map.of(), "server", "import", file.toString())).isEqualTo(DistException.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password", "KSAMU_ADMIN_PASSWORD");
    }

    @Test
    void aServerThatIsNotThereIsReportedWith69() throws Exception {
        Path file = Files.writeString(home.resolve("b.zip"), "x");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run(Map.of("KSAMU_ADMIN_PASSWORD", "p"), "server", "import", file.toString(),
                "--url", "http://127.0.0.1:" + port)).isEqualTo(ImportCommand.EXIT_UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("недоступен");
    }

    @Test
    void thePortComesFromRunningJsonElse8080() throws Exception {
        Installation installation = Installation.of(home, Map.of());
        ImportCommand cmd = new ImportCommand(installation, Map.of(), new PrintStream(out));
        assertThat(cmd.localPort()).isEqualTo(8080);
        Files.createDirectories(installation.dataDir().resolve("server"));
        Files.writeString(installation.dataDir().resolve("server/running.json"), "{\"pid\": 7, \"port\": 18080, \"version\": \"1.0.0.1\"}");
        assertThat(cmd.localPort()).isEqualTo(18080);
    }

    @Test
    void theAnswersFieldsAreReadWithTheirEscapes() {
        String json = "{\"version\":\"1.0.0.2\",\"files\":3,\"message\":\"Файл «a.zip» принят: \\\"x\\\"\\nдальше \\u00ab\"}";
        assertThat(ImportCommand.field(json, "version")).contains("1.0.0.2");
        assertThat(ImportCommand.field(json, "files")).contains("3");
        assertThat(ImportCommand.field(json, "message")).contains("Файл «a.zip» принят: \"x\"\nдальше «");
        assertThat(ImportCommand.field(json, "runId")).isEmpty();
    }
}
