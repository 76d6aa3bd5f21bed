package ru.ksamu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.platform.InvalidSettingException;

/** A bad setting stops start-up with one line that names the key and the value. */
class BadSettingsIT {

    @TempDir
    Path tmp;

    private Throwable startWith(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--ksamu.port="))) {
            all.add("--ksamu.port=0");
        }
        if (all.stream().noneMatch(a -> a.startsWith("--ksamu.data-dir="))) {
            all.add("--ksamu.data-dir=" + tmp.resolve("data"));
        }
        try (var ctx = ServerApplication.builder().run(all.toArray(String[]::new))) {
            return ctx.isActive() ? null : new IllegalStateException("the server started but is not active");
        } catch (Throwable e) {
            return e;
        }
    }

    private static InvalidSettingException settingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException bad) {
                return bad;
            }
        }
        throw new AssertionError("no InvalidSettingException in " + e, e);
    }

    @Test
    void malformedPortStopsStartNamingKeyAndValue() {
        InvalidSettingException e = settingError(startWith("--ksamu.port=80a"));
        assertThat(e.key()).isEqualTo("ksamu.port");
        assertThat(e.getMessage()).contains("ksamu.port = \"80a\"");
    }

    @Test
    void aWeakFirstPasswordStopsStartWithoutPrintingIt() {
        InvalidSettingException e = settingError(startWith("--ksamu.admin.initial-password=kratkiy"));
        assertThat(e.key()).isEqualTo("ksamu.admin.initial-password");
        assertThat(e.getMessage()).doesNotContain("kratkiy").contains("не короче 8");
        assertThat(settingError(startWith("--ksamu.admin.initial-password=admin")).key())
                .isEqualTo("ksamu.admin.initial-password");
    }

    @Test
    void aShortMetricsTokenAndAZeroStreamCapStopStart() {
        assertThat(settingError(startWith("--ksamu.metrics.token=short")).key()).isEqualTo("ksamu.metrics.token");
        assertThat(settingError(startWith("--ksamu.clients.max-streams-per-address=0")).key())
                .isEqualTo("ksamu.clients.max-streams-per-address");
        assertThat(settingError(startWith("--ksamu.allowed-hosts=evil/host")).key()).isEqualTo("ksamu.allowed-hosts");
    }

    @Test
    void anUnknownLogFormatStopsStartNamingTheKey() {
        InvalidSettingException e = settingError(startWith("--ksamu.log-format=xml"));
        assertThat(e.key()).isEqualTo("ksamu.log-format");
        assertThat(e.value()).isEqualTo("xml");
    }

    @Test
    void portOutOfRangeStopsStart() {
        assertThat(settingError(startWith("--server.port=70000")).value()).isEqualTo("70000");
    }

    @Test
    void unreachablePostgresStopsStartNamingTheUrl() {
        InvalidSettingException e = settingError(startWith("--ksamu.service-db.url=jdbc:postgresql://127.0.0.1:1/nowhere"));
        assertThat(e.key()).isEqualTo("ksamu.service-db.url");
        assertThat(e.getMessage()).contains("jdbc:postgresql://127.0.0.1:1/nowhere").contains("недоступна");
    }

    @Test
    void unwritableDataFolderStopsStart() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        InvalidSettingException e = settingError(startWith("--ksamu.data-dir=" + file.resolve("sub")));
        assertThat(e.key()).isEqualTo("ksamu.data-dir");
    }

    @Test
    void unsupportedManagedDatabaseStopsStart() {
        assertThatThrownBy(() -> {
            Throwable t = startWith("--ksamu.databases.print-forms.url=jdbc:oracle:thin:@x");
            if (t != null) {
                throw t;
            }
        }).satisfies(t -> assertThat(settingError(t).key()).isEqualTo("ksamu.databases.print-forms.url"));
    }

    @Test
    void processExitsNonZeroWithOneClearLine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                ServerApplication.class.getName(), "--ksamu.data-dir=" + tmp.resolve("d"), "--ksamu.port=abc")
                .redirectErrorStream(false)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        List<String> errLines = Files.readAllLines(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(errLines).filteredOn(l -> l.startsWith("ОШИБКА:")).singleElement()
                .asString().contains("ksamu.port = \"abc\"");
    }

    @Test
    void aBadProxyStopsStartNamingTheKeyAndNeverPrintsItsPassword() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), ServerApplication.class.getName(),
                "--ksamu.data-dir=" + tmp.resolve("d"), "--ksamu.port=0",
                "--ksamu.update.proxy=https://nurse:topsecret@proxy.clinic:3128")
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(err.lines()).filteredOn(l -> l.startsWith("ОШИБКА:")).singleElement().asString()
                .contains("ksamu.update.proxy = \"https://nurse:***@proxy.clinic:3128\"").contains("нужен адрес прокси");
        assertThat(err + out).doesNotContain("topsecret");
    }
}
