package ru.ksamu.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.net.ProxySetting;

/**
 * {@link FileFetch} against a real HTTP server on loopback that answers as a test tells it: a
 * whole file of several slabs, a resumed part (its old bytes hashed too), an answer longer than
 * listed, an answer cut short (the part kept), a drip slower than 1 KiB per read timeout.
 */
class FileFetchTest {

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService hasher;
    /** What the server does with the next request. */
    final AtomicReference<Handler> next = new AtomicReference<>();
    final AtomicReference<String> range = new AtomicReference<>();

    interface Handler {
        void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException, InterruptedException;
    }

    byte[] file = TestBundles.random(2 * FileFetch.SLAB + 777);
    ManifestEntry entry = new ManifestEntry("client/app.jar", file.length, Sha256.of(file), FileRole.CLIENT);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            range.set(exchange.getRequestHeaders().getFirst("Range"));
            try {
                next.get().answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        hasher = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-mirror-hash"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        hasher.shutdownNow();
    }

    UpstreamClient client(Duration readTimeout) {
        return new UpstreamClient("http://127.0.0.1:" + server.getAddress().getPort(), ProxySetting.DIRECT,
                Duration.ofSeconds(5), readTimeout);
    }

    static Handler sending(int status, byte[] body, int from, int length) {
        return exchange -> {
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, length);
            }
        };
    }

    @Test
    void aWholeFileOfSeveralSlabsIsTakenAndChecked() throws Exception {
        next.set(sending(200, file, 0, file.length));
        Path part = dir.resolve("a.part");
        FileFetch.fetch(entry, part, client(Duration.ofSeconds(5)), hasher);
        assertThat(Files.readAllBytes(part)).isEqualTo(file);
        assertThat(range.get()).isNull();
    }

    @Test
    void aPartIsResumedAndItsOldBytesCountInTheHash() throws Exception {
        Path part = dir.resolve("b.part");
        int have = FileFetch.SLAB + 5;
        Files.write(part, Arrays.copyOf(file, have));
        next.set(sending(206, file, have, file.length - have));
        FileFetch.fetch(entry, part, client(Duration.ofSeconds(5)), hasher);
        assertThat(range.get()).isEqualTo("bytes=" + have + "-");
        assertThat(Files.readAllBytes(part)).isEqualTo(file);

        // A resumed part whose old bytes are wrong is refused and deleted.
        byte[] wrong = Arrays.copyOf(file, have);
        wrong[7] ^= 1;
        Files.write(part, wrong);
        assertThatThrownBy(() -> FileFetch.fetch(entry, part, client(Duration.ofSeconds(5)), hasher))
                .isInstanceOf(HashMismatchException.class);
        assertThat(part).doesNotExist();
    }

    @Test
    void aLongerAnswerIsRefusedAndThePartDeleted() throws Exception {
        byte[] longer = Arrays.copyOf(file, file.length + 10);
        next.set(sending(200, longer, 0, longer.length));
        Path part = dir.resolve("c.part");
        assertThatThrownBy(() -> FileFetch.fetch(entry, part, client(Duration.ofSeconds(5)), hasher))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(part).doesNotExist();
    }

    @Test
    void anAnswerCutShortKeepsThePartToResume() throws Exception {
        next.set(exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, 1000);
            out.flush();
            // returning short of the promised length: the server closes the connection
        });
        Path part = dir.resolve("d.part");
        assertThatThrownBy(() -> FileFetch.fetch(entry, part, client(Duration.ofSeconds(5)), hasher))
                .isInstanceOf(IOException.class);
        assertThat(part).exists();
        assertThat(Files.size(part)).isLessThanOrEqualTo(1000);
    }

    @Test
    void aDripSlowerThanOneKibPerReadTimeoutIsCut() {
        next.set(exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                out.write(file, i, 1);
                out.flush();
                Thread.sleep(100); // the drip under test: a byte every 100 ms, far below 1 KiB per 500 ms
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> FileFetch.fetch(entry, dir.resolve("e.part"), client(Duration.ofMillis(500)), hasher))
                .isInstanceOf(IOException.class).hasMessageContaining("stalls");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
