package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * Issue C's benchmark (run by bench/events/run.sh, not by the test suite): 2,000 clients on the
 * server's event stream ({@code GET /api/v1/client/events}, the server's limit), held by one NIO
 * selector in this JVM; the server is the real exec jar in its own process (so its memory is its
 * own), the hub runs here. Measured: the server's heap after a full GC and its RSS before and after
 * the 2,000 connections, per connection; then a major update's countdown is started and every
 * client's arrival time of {@code event:countdown} is compared with the countdown's start (its
 * deadline minus the countdown). Goal: all within 2 s.
 */
class EventsFanoutBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 2000);
    static final int COUNTDOWN_S = 60;
    static final Pattern DEADLINE = Pattern.compile("\"deadline\":\"([^\"]+)\"");

    final HttpClient http = HttpClient.newHttpClient();

    /** One client's connection: what came on it and when. */
    static final class Client {
        final StringBuilder tail = new StringBuilder();
        volatile long helloAt;
        volatile long countdownAt;
        volatile String countdownText;
    }

    @Test
    void twoThousandClientsGetTheCountdown() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-events");
        try (Vendor vendor = new Vendor(dir, List.of())) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path jar;
            try (Stream<Path> s = Files.list(Path.of("..", "server", "target"))) {
                jar = s.filter(p -> p.getFileName().toString().matches("ksamu-server-.*-exec\\.jar")).findFirst().orElseThrow();
            }
            String heap = System.getProperty("bench.serverHeap", "512m");
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+UseG1GC", "-jar", jar.toString(), "--ksamu.port=" + port, "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                    "--ksamu.data-dir=" + dir.resolve("server"), "--ksamu.update.hub-url=" + vendor.hubUrl,
                    "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                    "--ksamu.update.countdown=" + COUNTDOWN_S + "s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
            String base = "http://127.0.0.1:" + port;
            try {
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                        .until(() -> get(base + "/api/v1/update").statusCode() == 200);
                vendor.release(vendor.source("1.0.0.1", Map.of(
                        "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n",
                        "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "База", "test");
                startTestUpdate(base);
                await().atMost(Duration.ofSeconds(120)).until(() -> get(base + "/api/v1/update").body().contains("\"installedVersion\":\"1.0.0.1\""));
                String report = measure(server.pid(), port, base, vendor);
                System.out.println(report);
                String file = System.getProperty("bench.out");
                if (file != null) {
                    Files.writeString(Path.of(file), report);
                }
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private String measure(long pid, int port, String base, Vendor vendor) throws Exception {
        long[] before = memory(pid);
        Client[] clients = new Client[CLIENTS];
        AtomicInteger hellos = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Selector selector = Selector.open();
        List<SocketChannel> channels = new ArrayList<>();
        long connectStart = System.nanoTime();
        Thread loop = new Thread(() -> select(selector, hellos, closed), "bench-selector");
        loop.setDaemon(true);
        loop.start();
        // In batches of 100, as when this benchmark was first run against Tomcat's default accept
        // queue of 100 (the server's is 2048 now), so its connect times stay comparable.
        for (int i = 0; i < CLIENTS; i += 100) {
            for (int j = i; j < Math.min(CLIENTS, i + 100); j++) {
                clients[j] = new Client();
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                channels.add(ch);
                byte[] req = ("GET /api/v1/client/events?user=u" + j + "&host=bench-" + j + "&version=1.0.0.1 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                Object[] att = {clients[j], ByteBuffer.wrap(req)};
                selector.wakeup();
                synchronized (this) {
                    ch.register(selector, SelectionKey.OP_CONNECT, att);
                }
            }
            int upTo = Math.min(CLIENTS, i + 100);
            await().atMost(Duration.ofSeconds(60)).until(() -> hellos.get() >= upTo || closed.get() > 0);
            assertThat(closed.get()).as("connections the server closed").isZero();
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        long[] after = memory(pid);
        String histogram = jcmd(pid, "GC.class_histogram").lines().skip(1).limit(12).reduce("", (a, b) -> a + b + "\n");

        vendor.release(vendor.source("1.1.0.1", Map.of("scripts/V1_1_0_1__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n",
                "client/ksamu-client.txt", "клиент 1.1.0.1\n")), "1.1.0.1", "Мажорный", "test");
        startTestUpdate(base);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> Arrays.stream(clients).allMatch(c -> c.countdownAt > 0) || closed.get() > 0);
        String text = clients[0].countdownText;
        Matcher m = DEADLINE.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        long start = Instant.parse(m.group(1)).minusSeconds(COUNTDOWN_S).toEpochMilli();
        long[] lag = Arrays.stream(clients).mapToLong(c -> c.countdownAt - start).sorted().toArray();
        long spread = Arrays.stream(clients).mapToLong(c -> c.countdownAt).max().getAsLong()
                - Arrays.stream(clients).mapToLong(c -> c.countdownAt).min().getAsLong();
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/cancel")).header("Authorization", admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        for (SocketChannel ch : channels) {
            ch.close();
        }
        selector.close();

        StringBuilder r = new StringBuilder();
        r.append(String.format("clients connected: %d of %d in %.1f s (hello received by each), closed by the server: %d%n",
                hellos.get(), CLIENTS, connectSeconds, closed.get()));
        r.append(String.format("countdown after its start (deadline - %d s): min %d ms, p50 %d ms, p99 %d ms, max %d ms;"
                + " first to last client %d ms%n", COUNTDOWN_S, lag[0], lag[lag.length / 2], lag[(int) (lag.length * 0.99) - 1],
                lag[lag.length - 1], spread));
        r.append(String.format("goal: every client within 2000 ms of the start: %s%n", lag[lag.length - 1] <= 2000 ? "met" : "NOT met"));
        r.append(String.format("server heap after full GC: %.1f MB before, %.1f MB with %d connections: %.1f KB per connection%n",
                before[0] / 1024.0, after[0] / 1024.0, CLIENTS, (after[0] - before[0]) / (double) CLIENTS));
        r.append(String.format("server RSS: %.1f MB before, %.1f MB with %d connections: %.1f KB per connection%n",
                before[1] / 1024.0, after[1] / 1024.0, CLIENTS, (after[1] - before[1]) / (double) CLIENTS));
        r.append(String.format("server threads: %d before, %d with %d connections%n", before[2], after[2], CLIENTS));
        r.append("server heap with the connections, largest classes (jcmd GC.class_histogram):\n").append(histogram);
        return r.toString();
    }

    /** The selector loop: connects, sends each request, and notes when hello and countdown arrive. */
    private void select(Selector selector, AtomicInteger hellos, AtomicInteger closed) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (selector.isOpen()) {
                synchronized (this) {
                    // lets the registering thread in between two selects
                }
                selector.select(100);
                if (!selector.isOpen()) {
                    return;
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) k.channel();
                    Object[] att = (Object[]) k.attachment();
                    Client c = (Client) att[0];
                    try {
                        if (k.isConnectable() && ch.finishConnect()) {
                            ch.write((ByteBuffer) att[1]);
                            k.interestOps(SelectionKey.OP_READ);
                        } else if (k.isReadable()) {
                            buf.clear();
                            int n = ch.read(buf);
                            if (n < 0) {
                                closed.incrementAndGet();
                                k.cancel();
                                continue;
                            }
                            long now = System.currentTimeMillis();
                            c.tail.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                            if (c.helloAt == 0 && c.tail.indexOf("event:hello") >= 0) {
                                c.helloAt = now;
                                hellos.incrementAndGet();
                            }
                            int at = c.tail.indexOf("event:countdown");
                            if (c.countdownAt == 0 && at >= 0 && c.tail.indexOf("\n\n", at) >= 0) {
                                c.countdownAt = now;
                                c.countdownText = c.tail.substring(at);
                            }
                            if (c.tail.length() > 4096) {
                                c.tail.delete(0, c.tail.length() - 1024);
                            }
                        }
                    } catch (IOException e) {
                        closed.incrementAndGet();
                        k.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed at the end
        }
    }

    /** The server's heap used after a full GC (KB), its RSS (KB) and its thread count. */
    private static long[] memory(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K").matcher(info);
        assertThat(used.find()).as(info).isTrue();
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        Matcher threads = Pattern.compile("Threads:\\s+(\\d+)").matcher(status);
        assertThat(rss.find() && threads.find()).isTrue();
        return new long[] {Long.parseLong(used.group(1)), Long.parseLong(rss.group(1)), Long.parseLong(threads.group(1))};
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String admin() {
        return TestAdmin.basic();
    }

    private void startTestUpdate(String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/test"))
                .header("Authorization", admin()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonMapper.shared().readTree(r.body());
    }
}
