package ru.ksamu.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import tools.jackson.databind.JsonNode;

/**
 * A mirror whose file store sits on a full disk: a real 1 MiB tmpfs mounted over its
 * {@code files/} folder, and a 3 MB release upstream. The sync refuses the release before writing
 * a byte, says so in Russian naming the folder, and offers nothing of it. Mounting needs root (CI
 * runs as root): with {@code CI=true} a failed mount fails the test, elsewhere it is skipped loudly.
 */
class MirrorDiskFullIT {

    @Test
    void aReleaseThatDoesNotFitIsRefusedNamingTheFolderAndNothingIsOffered() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-mirror-full");
        Path files = Files.createDirectories(dir.resolve("mirror/files"));
        mountSmallDisk(files);
        try (RunningHub vendor = RunningHub.vendor(dir.resolve("vendor"), List.of())) {
            Version version = TestHub.freshVersion();
            Path zip = TestBundles.bundle(dir, version, Map.of("client/big.bin", TestBundles.random(3_000_000)), List.of(),
                    "Большой выпуск", TestHub.VENDOR.signingKey());
            assertThat(vendor.http.publish(zip, Channel.TEST).status()).isEqualTo(201);
            try (RunningHub mirror = RunningHub.mirror(dir.resolve("mirror"), List.of(), vendor.url(), vendor.feedKeyText(), "300ms")) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode health = mirror.upstreamHealth();
                    assertThat(health.path("status").asString()).isEqualTo("DOWN");
                    assertThat(health.path("details").path("lastError").asString())
                            .contains("Зеркало хаба " + vendor.url()).contains("релиз " + version)
                            .contains("свободно").contains(files.toString());
                });
                assertThat(MirrorContract.versions(MirrorContract.feed(mirror, Channel.TEST, mirror.feedKeys()))).isEmpty();
                assertThat(mirror.http.get("/api/v1/releases/" + version).status()).isEqualTo(404);
                try (Stream<Path> parts = Files.list(files.resolve(".parts"))) {
                    assertThat(parts.toList()).as("no part left to fill the disk").isEmpty();
                }
            }
        } finally {
            run("umount", files.toString());
        }
    }

    private static void mountSmallDisk(Path folder) throws IOException, InterruptedException {
        int exit = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder.toString());
        if (exit != 0) {
            String message = "Cannot mount a 1 MiB tmpfs at " + folder + " (needs root): the full-disk test of the mirror did not run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; with CI=true it is mandatory");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor();
    }
}
