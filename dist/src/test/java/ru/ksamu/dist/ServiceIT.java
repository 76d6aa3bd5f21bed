package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit "ksamu service install" writes for an unpacked distribution passes systemd's own check. */
class ServiceIT {

    /** The server distribution as the build staged it before packing (bin/ksamu, lib/). */
    private static final Path SERVER_HOME = Path.of("target", "distributions", "server").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theWrittenUnitPassesSystemdAnalyzeVerify() throws Exception {
        Tools.need("systemd-analyze", "systemd");
        assertThat(SERVER_HOME.resolve("bin").resolve("ksamu")).isExecutable();
        Path data = Files.createDirectories(tmp.resolve("data"));
        Map<String, String> env = Map.of("KSAMU_DATA_DIR", data.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new Ksamu(Installation.of(SERVER_HOME, env), env, print, print)
                .run(new String[] {"service", "install", "--linux", "--out", tmp.toString(), "--user", "root"});
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Path unit = tmp.resolve("ksamu-server.service");
        assertThat(Files.readString(unit)).contains("ExecStart=" + SERVER_HOME.resolve("bin").resolve("ksamu") + " server");

        Tools.Result verify = Tools.run(List.of("systemd-analyze", "verify", unit.toString()));
        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output()).as("systemd-analyze says nothing about our unit").doesNotContain("ksamu-server.service");
    }
}
