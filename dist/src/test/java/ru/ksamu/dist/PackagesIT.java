package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's packages: the .deb installed on this machine, the server started from the installed
 * files as its unit says, its console checked, the package removed with the data kept, then purged
 * so the machine is as before; the .rpm read with rpm -qpl and rpm -qp --scripts.
 */
class PackagesIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path DATA = Path.of("/var/lib/ksamu");
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/ksamu-server.service");
    private static final Path CONFIG = Path.of("/etc/ksamu/ksamu-server.yml");

    private static Path onlyFile(String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(TARGET, glob)) {
            s.forEach(found::add);
        }
        if (found.isEmpty()) {
            Tools.missing("no " + glob + " in " + TARGET + " (was the packaging tool there at build time?)");
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void theDebInstallsRunsTheConsoleAndLeavesTheDataWhenRemoved() throws Exception {
        Tools.need("dpkg", "dpkg");
        Tools.needRoot();
        Path deb = onlyFile("ksamu-server_*_all.deb");
        // Never touch a machine that already has KSAMU on it: its data would be ours to delete.
        assertThat(Tools.run(List.of("dpkg-query", "-W", "-f=${Status}", "ksamu-server")).output()).doesNotContain("installed");
        assertThat(DATA).as("a KSAMU data folder is already on this machine; the test leaves it alone").doesNotExist();
        boolean userBefore = Tools.run(List.of("getent", "passwd", "ksamu")).code() == 0;
        Process server = null;
        try {
            Tools.ok("dpkg", "-i", deb.toString());
            assertThat(Tools.ok("stat", "-c", "%U:%G %a", DATA.toString()).strip()).isEqualTo("ksamu:ksamu 750");
            assertThat(Path.of("/usr/bin/ksamu")).isExecutable();

            int port = freePort();
            Files.writeString(CONFIG, Files.readString(CONFIG).replace("\n  port: 8080\n", "\n  port: " + port + "\n"));
            server = startAsTheUnitSays(Files.readString(UNIT));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest console = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build();
            Process running = server;
            await("the console of the installed server on port " + port).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        assertThat(running.isAlive()).as("the server process ended: " + log()).isTrue();
                        HttpResponse<String> r = http.send(console, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        return r.statusCode() == 200 && r.body().contains("КСАМУ");
                    });
            stop(server);
            assertThat(DATA.resolve("db")).as("the server wrote its databases into /var/lib/ksamu").isDirectory();

            Tools.ok("dpkg", "-r", "ksamu-server");
            assertThat(Path.of("/usr/share/ksamu")).doesNotExist();
            assertThat(Path.of("/usr/bin/ksamu")).doesNotExist();
            assertThat(UNIT).doesNotExist();
            assertThat(DATA.resolve("db")).as("removal keeps the data").isDirectory();
            assertThat(CONFIG).as("removal keeps the settings until purge").exists();
        } finally {
            if (server != null) {
                stop(server);
            }
            Tools.run(List.of("dpkg", "-P", "ksamu-server"));
            Tools.run(List.of("rm", "-rf", DATA.toString()));
            if (!userBefore) {
                Tools.run(List.of("userdel", "ksamu"));
                Tools.run(List.of("groupdel", "ksamu"));
            }
        }
        assertThat(Path.of("/etc/ksamu")).as("purge takes the settings").doesNotExist();
        assertThat(Tools.run(List.of("dpkg-query", "-W", "-f=${Status}", "ksamu-server")).output()).doesNotContain("installed");
    }

    @Test
    void theRpmHoldsTheSameFilesAndItsScriptsKeepTheData() throws Exception {
        Tools.need("rpm", "rpm");
        Path rpm = onlyFile("ksamu-server-*.noarch.rpm");
        String files = Tools.ok("rpm", "-qpl", rpm.toString());
        assertThat(files.lines()).contains("/usr/bin/ksamu", "/usr/share/ksamu/bin/ksamu", "/usr/share/ksamu/lib/ksamu.jar",
                "/usr/share/ksamu/lib/ksamu-server.jar", "/usr/share/ksamu/lib/ksamu-supervisor.jar", "/etc/ksamu/ksamu-server.yml",
                "/usr/lib/systemd/system/ksamu-server.service", "/var/lib/ksamu");
        String scripts = Tools.ok("rpm", "-qp", "--scripts", rpm.toString());
        assertThat(scripts).contains("preinstall", "useradd --system", "ksamu", "systemctl disable --now ksamu-server.service")
                .doesNotContain("rm -rf", "userdel");
        assertThat(Tools.ok("rpm", "-qp", "--requires", rpm.toString())).contains("jre-headless >= 17");
        assertThat(Tools.ok("rpm", "-qp", "--configfiles", rpm.toString()).strip()).isEqualTo(CONFIG.toString());
    }

    /** User=, Environment=, WorkingDirectory= and ExecStart= of the installed unit, as systemd would run it. */
    private static Process startAsTheUnitSays(String unit) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : unit.lines().toList()) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("Environment")) {
                String kv = value.replace("\"", "");
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else {
                keys.put(key, value);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", keys.get("User"), "--"));
        cmd.addAll(List.of(keys.get("ExecStart").split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(keys.get("WorkingDirectory")).toFile())
                .redirectErrorStream(true).redirectOutput(TARGET.resolve("deb-server.out").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String log() {
        try {
            return Files.readString(TARGET.resolve("deb-server.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGTERM to the whole tree (runuser, launcher, supervisor, server) and wait until all are gone. */
    private static void stop(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        await("the installed server stops").atMost(Duration.ofSeconds(60)).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
