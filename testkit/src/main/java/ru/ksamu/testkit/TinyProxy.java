package ru.ksamu.testkit;

import java.net.InetAddress;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * Debian's tinyproxy ({@code /usr/bin/tinyproxy}, override with KSAMU_TEST_TINYPROXY) run by a test:
 * on 127.0.0.1 at a given port, allowing 127.0.0.1 only, demanding {@code BasicAuth user password},
 * logging every request to a file in its folder. With {@code CI=true} a missing tinyproxy fails the
 * test; elsewhere the test is skipped with a loud message.
 */
public final class TinyProxy implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("KSAMU_TEST_TINYPROXY", "/usr/bin/tinyproxy"));

    private final Process process;
    private final Path log;
    private final int port;

    private TinyProxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Fails (on CI) or aborts (elsewhere) when tinyproxy is not installed. */
    public static void requireAvailable() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String msg = "tinyproxy (" + BINARY + ") is not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(msg + "; with CI=true the proxy tests are mandatory: apt-get install -y tinyproxy");
        }
        System.err.println("\n!!!!!!!!!! SKIPPING PROXY TESTS: " + msg + " !!!!!!!!!!\n");
        throw new TestAbortedException(msg);
    }

    /** A free loopback port for a proxy (or a stand-in of one) to take. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts tinyproxy in {@code dir} on {@code port} demanding these credentials (letters, digits
     * and {@code -_.} only: its configuration has no quoting), and waits until it listens.
     */
    public static TinyProxy start(Path dir, int port, String user, String password) {
        requireAvailable();
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("tinyproxy-" + port + "-" + System.nanoTime() + ".log");
            Path conf = dir.resolve("tinyproxy-" + port + ".conf");
            Files.writeString(conf, String.join("\n",
                    "Port " + port,
                    "Listen 127.0.0.1",
                    "Timeout 30",
                    "MaxClients 20",
                    "LogFile \"" + log + "\"",
                    "LogLevel Info",
                    "Allow 127.0.0.1",
                    "BasicAuth " + user + " " + password,
                    "DisableViaHeader Yes", ""));
            Process p = new ProcessBuilder(BINARY.toString(), "-d", "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("tinyproxy-" + port + ".out").toFile()).start();
            TinyProxy proxy = new TinyProxy(p, log, port);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("tinyproxy ended at start: " + Files.readString(dir.resolve("tinyproxy-" + port + ".out")));
                }
                return listens(port);
            });
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** Its log so far (a {@code Request (file descriptor n): GET http://... HTTP/1.1} line per request). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it and waits until the port is free again (a next proxy may take it). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !listens(port));
    }
}
