package ru.ksamu.release.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;

/** Real HTTP on loopback (the JDK's server) against the JDK's client through {@link ResumableDownload#over}. */
class ResumableDownloadTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final byte[] file = bytes(300_000);
    private final ResumableDownload.Wanted wanted = new ResumableDownload.Wanted("client/app.jar", file.length, Sha256.of(file));
    /** The Range header of every request, "-" when there was none. */
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final List<String> ifRanges = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;
    private volatile Answer answer;
    private Path part;

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange, long from) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        part = dir.resolve(wanted.sha256() + ".part");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/files/", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "-" : range);
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            ifRanges.add(ifRange == null ? "-" : ifRange);
            long from = range == null ? 0 : Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
            try {
                answer.send(exchange, from);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private ResumableDownload.Transport transport() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + wanted.sha256());
        return ResumableDownload.over(client, () -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)), READ_TIMEOUT);
    }

    private void serveFrom(HttpExchange exchange, long from, boolean honourRange) throws IOException {
        long start = honourRange ? from : 0;
        exchange.sendResponseHeaders(honourRange && from > 0 ? 206 : 200, file.length - start);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file, (int) start, (int) (file.length - start));
        }
    }

    private final class Recording implements ResumableDownload.Listener {
        final List<String> events = new ArrayList<>();
        long written;

        @Override
        public void resuming(long have) {
            events.add("resuming " + have);
        }

        @Override
        public void restarting(long discarded) {
            events.add("restarting " + discarded);
        }

        @Override
        public void started(long from) {
            events.add("started " + from);
        }

        @Override
        public void written(long bytes) {
            written += bytes;
        }
    }

    @Test
    void aDownloadCutByAStallResumesFromThePartWithRangeAndIfRange() throws Exception {
        int half = file.length / 2;
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, half);
            out.flush();
            released.await(30, TimeUnit.SECONDS); // and then nothing: a stall
        };
        Recording first = new Recording();
        assertThatThrownBy(() -> assertTimeoutPreemptively(ENDS_WITHIN,
                () -> ResumableDownload.fetch(wanted, part, transport(), first))).isInstanceOf(BoundedBody.Stalled.class);
        assertThat(Files.readAllBytes(part)).as("what came is kept").isEqualTo(Arrays.copyOf(file, half));

        answer = (exchange, from) -> serveFrom(exchange, from, true);
        Recording second = new Recording();
        ResumableDownload.fetch(wanted, part, transport(), second);
        assertThat(Files.readAllBytes(part)).isEqualTo(file);
        assertThat(ranges).containsExactly("-", "bytes=" + half + "-");
        assertThat(ifRanges).containsExactly("-", "\"" + wanted.sha256() + "\"");
        assertThat(second.events).containsExactly("resuming " + half, "started " + half);
        assertThat(second.written).isEqualTo(file.length - half);
    }

    @Test
    void aServerIgnoringRangeRestartsThePartFromZero() throws Exception {
        Files.write(part, Arrays.copyOf(file, 1000));
        answer = (exchange, from) -> serveFrom(exchange, from, false);
        Recording listener = new Recording();
        ResumableDownload.fetch(wanted, part, transport(), listener);
        assertThat(Files.readAllBytes(part)).isEqualTo(file);
        assertThat(listener.events).containsExactly("resuming 1000", "restarting 1000", "started 0");
        assertThat(listener.written).isEqualTo(file.length);
    }

    @Test
    void aFileWithOtherBytesIsDeletedAndRefusedNamingBothHashes() throws Exception {
        byte[] other = file.clone();
        other[12_345] ^= 1;
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, other.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(other);
            }
        };
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), new Recording()))
                .isInstanceOfSatisfying(HashMismatchException.class, e -> {
                    assertThat(e.path()).isEqualTo("client/app.jar");
                    assertThat(e.actual()).isEqualTo(Sha256.of(other));
                    assertThat(e.expected()).isEqualTo(wanted.sha256());
                });
        assertThat(part).doesNotExist();
    }

    @Test
    void anEndlessAnswerIsCutOneByteAfterTheFileAndThePartDeleted() throws Exception {
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length: only reading finds the excess
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file);
                byte[] more = new byte[64 * 1024];
                while (released.getCount() > 0) {
                    out.write(more);
                }
            } catch (IOException cutByTheClient) {
                // expected
            }
        };
        assertThatThrownBy(() -> assertTimeoutPreemptively(ENDS_WITHIN,
                () -> ResumableDownload.fetch(wanted, part, transport(), new Recording())))
                .isInstanceOfSatisfying(SizeMismatchException.class, e -> assertThat(e.expected()).isEqualTo(file.length));
        assertThat(part).doesNotExist();
    }

    @Test
    void aLongerAnswerWithOtherBytesIsRefusedForItsHashAndThePartDeleted() throws Exception {
        byte[] replaced = bytes(file.length + 2);
        replaced[0] ^= 1;
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, replaced.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(replaced);
            } catch (IOException cutByTheClient) {
                // expected
            }
        };
        Recording listener = new Recording();
        ResumableDownload.Transport roomy = (headers, maxBytes, receiver) -> transport().get(headers, maxBytes + 1, receiver);
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, roomy, listener))
                .isInstanceOfSatisfying(HashMismatchException.class,
                        e -> assertThat(e.actual()).isEqualTo(Sha256.of(Arrays.copyOf(replaced, file.length))));
        assertThat(part).doesNotExist();
        assertThat(listener.written).as("the file's size was written, never more").isEqualTo(file.length);
    }

    @Test
    void anAnswerDeclaringMoreThanTheFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, file.length + 10L);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file);
                out.write(new byte[10]);
            } catch (IOException cutByTheClient) {
                // expected
            }
        };
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), new Recording()))
                .isInstanceOfSatisfying(BoundedBody.TooLarge.class, e -> assertThat(e.limit()).isEqualTo(file.length + 1L));
        assertThat(part).doesNotExist();
    }

    @Test
    void aShortAnswerIsRefusedAsShorterAndAWholePartIsNotAskedForAgain() throws Exception {
        answer = (exchange, from) -> {
            exchange.sendResponseHeaders(200, 1000);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file, 0, 1000);
            }
        };
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), new Recording()))
                .isInstanceOfSatisfying(SizeMismatchException.class, e -> assertThat(e.actual()).isEqualTo(1000));
        assertThat(part).doesNotExist();

        Files.write(part, file);
        ResumableDownload.fetch(wanted, part, transport(), new Recording());
        assertThat(ranges).as("only the first download asked").hasSize(1);
    }

    @Test
    void anErrorStatusIsRefusedWithItAndThePartIsKept() throws Exception {
        Files.write(part, Arrays.copyOf(file, 10));
        answer = (exchange, from) -> exchange.sendResponseHeaders(404, -1);
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), new Recording()))
                .isInstanceOfSatisfying(ResumableDownload.UnexpectedStatusException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("HTTP 404: файл client/app.jar");
        assertThat(part).hasSize(10);
    }

    @Test
    void a416LeavesTheVerdictToTheCheck() throws Exception {
        Files.write(part, Arrays.copyOf(file, 10));
        answer = (exchange, from) -> exchange.sendResponseHeaders(416, -1);
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), new Recording()))
                .isInstanceOf(SizeMismatchException.class);
        assertThat(part).doesNotExist();
    }

    @Test
    void theListenerCanStopTheDownloadBetweenChunksKeepingThePart() throws Exception {
        answer = (exchange, from) -> serveFrom(exchange, from, true);
        ResumableDownload.Listener stopper = bytes -> {
            throw new InterruptedException("stopped by the admin");
        };
        assertThatThrownBy(() -> ResumableDownload.fetch(wanted, part, transport(), stopper))
                .isInstanceOf(InterruptedException.class);
        assertThat(Files.size(part)).isBetween(1L, (long) file.length - 1);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
