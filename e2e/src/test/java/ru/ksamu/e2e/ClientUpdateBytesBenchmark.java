package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.auth.Workstations;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * Issue C's benchmark (run by bench/client-update/run.sh, not by the test suite): the bytes a
 * workstation receives for a minor update that changes one of 200 client files. A real launcher
 * (its own process, headless) installs the first version, then starts again after the server has
 * installed a release with one file changed; a counting TCP proxy between launcher and server
 * measures what crosses the wire on the launcher's connections (manifest and files, HTTP headers
 * included; the MIS program's own connections, patients and events, are left out). Goal: at most
 * the changed file plus the manifest plus 5 %.
 */
class ClientUpdateBytesBenchmark {

    static final int FILES = Integer.getInteger("bench.files", 200);
    static final int CHANGED_KB = Integer.getInteger("bench.changedKb", 100);

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bytesOnTheWireForAMinorUpdateOfOneFile() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-client-update");
        Path mis = ClientsUpdateContract.CLIENT_TARGET.resolve("mis");
        int misFiles;
        try (Stream<Path> s = Files.walk(mis)) {
            misFiles = (int) s.filter(Files::isRegularFile).count();
        }
        int generated = FILES - misFiles;
        Random random = new Random(42);
        Map<String, byte[]> data = new java.util.TreeMap<>();
        for (int i = 0; i < generated; i++) {
            int size = i == 0 ? CHANGED_KB * 1024 : 2 * 1024 + random.nextInt(198 * 1024);
            byte[] b = new byte[size];
            random.nextBytes(b);
            data.put(String.format("client/data/file-%03d.bin", i), b);
        }
        try (Vendor vendor = new Vendor(dir, List.of())) {
            ConfigurableApplicationContext server = ServerApplication.builder().run("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                    "--ksamu.data-dir=" + dir.resolve("server"), "--ksamu.update.hub-url=" + vendor.hubUrl,
                    "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub());
            try (server; CountingProxy proxy = new CountingProxy(port(server))) {
                String base = "http://127.0.0.1:" + port(server);
                publishAndInstall(vendor, server, base, "1.0.0.1", data, mis);
                List<String> launcher = LauncherProcess.command(ClientsUpdateContract.CLIENT_TARGET, "--server", proxy.url(),
                        "--data", dir.resolve("ws").toString(), "--headless", "--user", "bench",
                        "--release-key", vendor.releasePub().toString(),
                        "--enroll-code", server.getBean(Workstations.class).enrollmentCode());
                runOnce(launcher, "1.0.0.1");
                long totalBytes = data.values().stream().mapToLong(b -> b.length).sum() + misBytes(mis);

                byte[] changed = new byte[CHANGED_KB * 1024];
                random.nextBytes(changed);
                data.put("client/data/file-000.bin", changed);
                publishAndInstall(vendor, server, base, "1.0.0.2", data, mis);
                HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/manifest"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                int manifestBytes = manifest.body().length;
                assertThat(JsonMapper.shared().readTree(manifest.body()).path("files").size()).isEqualTo(FILES);

                proxy.reset();
                String out = runOnce(launcher, "1.0.0.2");
                long down = proxy.down(ClientUpdateBytesBenchmark::launcherRequest);
                long up = proxy.up(ClientUpdateBytesBenchmark::launcherRequest);
                long goal = Math.round((changed.length + manifestBytes) * 1.05);
                String plan = out.lines().filter(l -> l.contains("Обновление клиента до версии 1.0.0.2")).findFirst().orElse("");
                StringBuilder r = new StringBuilder();
                r.append(String.format("client: %d files, %.1f MB; minor update 1.0.0.2 changes 1 file of %d bytes%n",
                        FILES, totalBytes / 1e6, changed.length));
                r.append("launcher said: ").append(plan.replace("ksamu-client: ", "")).append('\n');
                r.append(String.format("manifest answer body: %d bytes%n", manifestBytes));
                r.append(String.format("received on the launcher's connections: %d bytes (sent %d) on %d connection(s)%n",
                        down, up, proxy.connections().stream().filter(c -> launcherRequest(c.firstLine)).count()));
                r.append(String.format("goal: <= (file + manifest) x 1.05 = %d bytes: %s (%.3f x file + manifest)%n", goal,
                        down <= goal ? "met" : "NOT met", (double) down / (changed.length + manifestBytes)));
                System.out.println(r);
                String file = System.getProperty("bench.out");
                if (file != null) {
                    Files.writeString(Path.of(file), r.toString());
                }
                assertThat(plan).contains("загрузить 1 из " + FILES + " файлов");
            }
        }
    }

    static boolean launcherRequest(String firstLine) {
        return firstLine.startsWith("GET /api/v1/client/manifest") || firstLine.startsWith("GET /api/v1/client/files/");
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    private static long misBytes(Path mis) throws Exception {
        try (Stream<Path> s = Files.walk(mis)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** Starts the launcher, waits for the program of {@code version}, quits it; returns the output. */
    private static String runOnce(List<String> command, String version) throws Exception {
        try (LauncherProcess l = new LauncherProcess("bench-ws", command)) {
            l.awaitLine("MIS ready " + version);
            l.send("quit");
            assertThat(l.exit()).isZero();
            return l.output();
        }
    }

    private void publishAndInstall(Vendor vendor, ConfigurableApplicationContext server, String base, String version,
                                   Map<String, byte[]> data, Path mis) throws Exception {
        Path src = vendor.withClient(vendor.source(version, version.equals("1.0.0.1")
                ? Map.of("scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n")
                : Map.of()), mis);
        for (Map.Entry<String, byte[]> f : data.entrySet()) {
            Path p = src.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        vendor.release(src, version, "Выпуск " + version, "test");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        E2e.awaitRun(server, JsonMapper.shared().readTree(r.body()).get("runId").asLong(), Duration.ofSeconds(120));
    }
}
