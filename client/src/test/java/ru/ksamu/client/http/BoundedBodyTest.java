package ru.ksamu.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.StandInServer;
import ru.ksamu.release.download.BoundedBody;

/**
 * The bounded, stall-checked body on its own, against a stand-in on loopback: the bound is exact
 * (its last byte passes, the one after it does not), and a slow but steady body is not a stall.
 */
class BoundedBodyTest {

    static final Duration READ = Duration.ofSeconds(1);

    final StandInServer standIn;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    BoundedBodyTest() throws Exception {
        standIn = new StandInServer();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    HttpResponse<BoundedBody> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(standIn.url() + path)).build(), BoundedBody.handler(READ));
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** Sends {@code body} without a length (chunked), so only reading can find its size. */
    void serve(String path, byte[] body) {
        standIn.route(path, (x, r) -> {
            x.sendResponseHeaders(200, 0);
            x.getResponseBody().write(body);
        });
    }

    @Test
    void aBodyOfExactlyTheBoundIsReadAndOneByteMoreIsRefused() throws Exception {
        serve("/exact", bytes(5000));
        serve("/over", bytes(5001));
        try (BoundedBody b = get("/exact").body()) {
            assertThat(b.bytes(5000)).hasSize(5000);
        }
        try (BoundedBody b = get("/over").body()) {
            assertThatThrownBy(() -> b.bytes(5000)).isInstanceOfSatisfying(BoundedBody.TooLarge.class,
                    e -> assertThat(e.limit()).isEqualTo(5000));
        }
    }

    @Test
    void aStreamGivesTheBoundsBytesThenRefusesTheNext() throws Exception {
        serve("/over", bytes(70_000));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (BoundedBody b = get("/over").body(); InputStream in = b.stream(65_536)) {
            assertThatThrownBy(() -> in.transferTo(got)).isInstanceOf(BoundedBody.TooLarge.class)
                    .hasMessage("the response body is longer than its bound of 65536 bytes; the response was cancelled");
        }
        assertThat(got.size()).isEqualTo(65_536);
    }

    @Test
    void aSlowButSteadyBodyIsNotAStall() {
        standIn.route("/steady", (x, r) -> {
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            for (int i = 0; i < 10 && standIn.pause(300); i++) { // 2 KiB every 300 ms: 3 s, three read timeouts
                out.write(bytes(2048));
                out.flush();
            }
        });
        byte[] body = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (BoundedBody b = get("/steady").body()) {
                return b.bytes(1 << 20);
            }
        });
        assertThat(body).hasSize(20_480);
    }

    @Test
    void aReadTimeoutMustBePositive() {
        assertThatThrownBy(() -> BoundedBody.handler(Duration.ZERO)).hasMessage("read timeout must be positive, got PT0S");
    }
}
