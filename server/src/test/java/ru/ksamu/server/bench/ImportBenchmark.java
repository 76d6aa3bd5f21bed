package ru.ksamu.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.update.ReleaseImport;
import ru.ksamu.testkit.TestAdmin;

/**
 * Benchmark (not part of the test suite; run by bench/import/run.sh): an offline import of a
 * RELEASE_MB bundle (files of random bytes, as incompressible as jars), side by side in one run
 * with {@code sha256sum} of the same file: the whole upload over loopback HTTP until the server
 * answers "ready to install" (what {@code ksamu server import} and the console wait for), the
 * server's own part alone without HTTP (the same one-pass import fed from the file), the two-pass
 * import of the file on disk (what a zip in another order gets), and the transfer alone. Medians of REPEAT runs;
 * the store is emptied between runs so every run stores every file; one import before them warms the JIT.
 */
class ImportBenchmark {

    static final int RELEASE_MB = Integer.getInteger("bench.releaseMb", 200);
    static final int REPEAT = Integer.getInteger("bench.repeat", 5);

    @Test
    void importBesideSha256sum() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-import");
        SigningKeyPair vendor = SigningKeyPair.generate();
        Path src = Files.createDirectories(dir.resolve("src/client"));
        Random random = new Random(1);
        byte[] chunk = new byte[10 << 20];
        int files = Math.max(1, RELEASE_MB / 10);
        for (int i = 0; i < files; i++) {
            random.nextBytes(chunk);
            Files.write(src.resolve(String.format("part-%02d.jar", i)), chunk);
        }
        Path bundle = dir.resolve("ksamu-1.0.0.1.zip");
        Bundles.build(dir.resolve("src"), bundle, ReleaseInfo.of(Version.parse("1.0.0.1"), "Бенчмарк", List.of(), Instant.now()),
                vendor.signingKey());
        long size = Files.size(bundle);
        List<String> args = List.of("--ksamu.port=0", "--ksamu.data-dir=" + dir.resolve("data"), "--logging.level.root=WARN",
                "--logging.level.ru.ksamu.server.update.ReleaseImport=INFO",
                "--ksamu.update.release-keys=" + vendor.trustedKey().toText(), "--ksamu.update.hub-url=http://127.0.0.1:9",
                "--ksamu.admin.initial-password=" + TestAdmin.PASSWORD);
        List<Double> sha = new ArrayList<>();
        List<Double> upload = new ArrayList<>();
        List<Double> local = new ArrayList<>();
        List<Double> twoPass = new ArrayList<>();
        List<Double> verifyOnly = new ArrayList<>();
        List<Double> javaSha = new ArrayList<>();
        var trusted = ru.ksamu.release.signing.TrustedKeys.of(vendor.trustedKey());
        List<Double> transfer = new ArrayList<>();
        // As many random bytes, no zip: refused at once after the upload, so its time is the transfer alone.
        Path noZip = dir.resolve("not-a-bundle.bin");
        try (var out = Files.newOutputStream(noZip)) {
            for (long left = Files.size(bundle); left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        try (ConfigurableApplicationContext ctx = ServerApplication.builder().run(args.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            ReleaseStore store = ctx.getBean(ReleaseStore.class);
            ReleaseImport imports = ctx.getBean(ReleaseImport.class);
            HttpClient http = HttpClient.newHttpClient();
            sha256sum(bundle); // warms the page cache for everyone
            // One import before measuring: the server's code paths are compiled (sha256sum is native code).
            upload(http, port, bundle);
            store.prune(Set.of());
            for (int i = 0; i < REPEAT; i++) {
                sha.add(sha256sum(bundle));

                settle();
                long t0 = System.nanoTime();
                upload(http, port, bundle);
                upload.add((System.nanoTime() - t0) / 1e9);
                store.prune(Set.of());

                settle();
                t0 = System.nanoTime();
                int status = send(http, port, noZip);
                transfer.add((System.nanoTime() - t0) / 1e9);
                if (status != 422) {
                    throw new IllegalStateException("a file that is no zip answered " + status);
                }

                settle();
                t0 = System.nanoTime();
                try (var in = Files.newInputStream(bundle)) {
                    imports.importUpload(in, size, "ksamu-1.0.0.1.zip", "bench");
                }
                local.add((System.nanoTime() - t0) / 1e9);
                store.prune(Set.of());

                settle();
                t0 = System.nanoTime();
                imports.importBundle(bundle, "ksamu-1.0.0.1.zip");
                twoPass.add((System.nanoTime() - t0) / 1e9);
                store.prune(Set.of());

                // Where the time goes: the library's one pass with nothing written, and SHA-256 alone in this JVM.
                t0 = System.nanoTime();
                try (var in = Files.newInputStream(bundle)) {
                    Bundles.verifyStream(in, bundle, trusted, ru.ksamu.release.manifest.Limits.DEFAULT,
                            e -> java.io.OutputStream.nullOutputStream());
                }
                verifyOnly.add((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                try (var in = Files.newInputStream(bundle)) {
                    var digest = ru.ksamu.release.Sha256.newDigest();
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
                javaSha.add((System.nanoTime() - t0) / 1e9);
            }
        } finally {
            delete(dir);
        }
        double s = median(sha);
        double u = median(upload);
        double l = median(local);
        double t = median(transfer);
        double w = median(twoPass);
        double v = median(verifyOnly);
        double j = median(javaSha);
        List<String> lines = List.of(
                String.format("bundle %d MB (%d files of 10 MB, %d bytes), medians of %d runs:", RELEASE_MB, files, size, REPEAT),
                String.format("  sha256sum of the file:                         %.2f s  (1.00 x)", s),
                String.format("  upload over HTTP until \"ready to install\":     %.2f s  (%.2f x sha256sum)  goal <= 1.5 x", u, u / s),
                String.format("  server part alone, one pass (no HTTP):         %.2f s  (%.2f x sha256sum)", l, l / s),
                String.format("  two-pass import of the file on disk:           %.2f s  (%.2f x sha256sum)", w, w / s),
                String.format("  transfer alone (as many bytes, not a zip):     %.2f s  (%.2f x sha256sum)", t, t / s),
                String.format("  library one pass alone, nothing written:       %.2f s  (%.2f x sha256sum)", v, v / s),
                String.format("  SHA-256 of the file in this JVM:               %.2f s  (%.2f x sha256sum)", j, j / s),
                "  runs sha256sum " + sha + ", upload " + upload + ", server part " + local + ", two-pass " + twoPass
                        + ", transfer " + transfer + ", one pass alone " + verifyOnly + ", JVM SHA-256 " + javaSha);
        Path out = Path.of(System.getProperty("bench.out", "../bench/import/last-run.txt"));
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /**
     * Writes the page cache's dirty pages out (untimed), so that a step does not pay for the
     * previous one's writes (each step writes or deletes 200 MB).
     */
    private static void settle() throws IOException, InterruptedException {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }

    private static void upload(HttpClient http, int port, Path bundle) throws IOException, InterruptedException {
        int status = send(http, port, bundle);
        if (status != 200) {
            throw new IllegalStateException("import refused: " + status);
        }
    }

    private static int send(HttpClient http, int port, Path file) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/update/import?name=" + file.getFileName()))
                .header("Authorization", TestAdmin.basic()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static double sha256sum(Path file) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sha256sum failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return Math.round(sorted.get(sorted.size() / 2) * 100) / 100.0;
    }

    private static void delete(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            all.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
