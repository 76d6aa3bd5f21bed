package ru.ksamu.server.update;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.SigningKeyPair;

/**
 * A stand-in for the hub on a random loopback port that speaks its real endpoints
 * ({@code /api/v1/channels/{channel}/latest}, {@code /api/v1/files/{sha256}}) with a real release
 * bundle signed by the vendor's key and a real feed signed by the hub's key, and that can
 * misbehave: stall in the middle of a file, drip a feed byte by byte, send a feed without end, or
 * send one slowly (steady progress, 16 KiB/s, for a minute).
 */
final class StandInHub implements AutoCloseable {

    /** How the hub answers. */
    enum Mode { NORMAL, STALL_FILE_MID_BODY, DRIP_FEED, ENDLESS_FEED, SLOW_FEED }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final byte[] feed;
    private final Mode mode;
    /** Bytes of the answer body the hub managed to hand to the socket (endless and drip modes). */
    final AtomicLong sent = new AtomicLong();
    /** How many bytes an endless feed sends at most before it gives up (far beyond any bound). */
    final long endlessLimit;

    StandInHub(Path dir, SigningKeyPair vendor, SigningKeyPair hub, String version, Mode mode, long endlessLimit)
            throws IOException {
        this.mode = mode;
        this.endlessLimit = endlessLimit;
        Path source = dir.resolve("src-" + version);
        Files.createDirectories(source.resolve("client"));
        byte[] big = new byte[512 * 1024];
        new java.util.Random(42).nextBytes(big);
        Files.write(source.resolve("client/ksamu-mis.bin"), big);
        Files.writeString(source.resolve("client/readme.txt"), "клиент " + version + "\n");
        Path bundle = dir.resolve("bundle-" + version);
        ReleaseManifest manifest = Bundles.build(source, bundle, ReleaseInfo.of(Version.parse(version), "Проверка",
                List.of(), Instant.now()), vendor.signingKey());
        for (ManifestEntry e : manifest.files()) {
            files.put(e.sha256(), bundle.resolve(e.path()));
        }
        byte[] manifestBytes = Files.readAllBytes(bundle.resolve(ReleaseManifest.FILE_NAME));
        DetachedSignature signature = DetachedSignature.parse(Files.readString(bundle.resolve(Bundles.SIGNATURE_FILE)),
                Bundles.SIGNATURE_FILE);
        ChannelFeed channelFeed = ChannelFeed.issue(Channel.TEST, List.of(FeedRelease.of(manifestBytes, signature)),
                Clock.systemUTC());
        this.feed = SignedFeed.sign(channelFeed, hub.signingKey()).toJson();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v1/channels/", this::feed);
        server.createContext("/api/v1/files/", this::file);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void feed(HttpExchange ex) throws IOException {
        try (ex; OutputStream out = ex.getResponseBody()) {
            if (mode == Mode.DRIP_FEED) {
                ex.sendResponseHeaders(200, 0);
                for (int i = 0; i < feed.length && !closed(200); i++) {
                    out.write(feed[i]);
                    out.flush();
                    sent.incrementAndGet();
                }
            } else if (mode == Mode.SLOW_FEED) {
                ex.sendResponseHeaders(200, 0);
                byte[] part = new byte[4096];
                java.util.Arrays.fill(part, (byte) 'A');
                for (int i = 0; i < 240 && !closed(250); i++) {
                    out.write(part);
                    out.flush();
                    sent.addAndGet(part.length);
                }
            } else if (mode == Mode.ENDLESS_FEED) {
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = "{\"feed\":\"".getBytes(StandardCharsets.US_ASCII);
                out.write(chunk);
                byte[] a = new byte[1 << 20];
                java.util.Arrays.fill(a, (byte) 'A');
                while (sent.get() < endlessLimit) {
                    out.write(a);
                    sent.addAndGet(a.length);
                }
            } else {
                ex.sendResponseHeaders(200, feed.length);
                out.write(feed);
            }
        } catch (IOException e) {
            // the server cut the connection: what these tests want to see
        }
    }

    private void file(HttpExchange ex) throws IOException {
        String sha = ex.getRequestURI().getPath().substring("/api/v1/files/".length());
        Path p = files.get(sha);
        try (ex; OutputStream out = ex.getResponseBody()) {
            if (p == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(p);
            ex.sendResponseHeaders(200, bytes.length);
            if (mode == Mode.STALL_FILE_MID_BODY) {
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                released.await(); // and never another byte until the test ends
                return;
            }
            out.write(bytes);
        } catch (IOException | InterruptedException e) {
            // cut by the server
        }
    }

    /** Waits between two drips; true once the test has ended. */
    private boolean closed(long millis) {
        try {
            return released.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
