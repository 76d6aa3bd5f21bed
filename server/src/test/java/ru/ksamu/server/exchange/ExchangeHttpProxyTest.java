package ru.ksamu.server.exchange;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.testkit.TinyProxy;

/** "HTTP-обмен" through the clinic's proxy: a real tinyproxy that demands a password, a real counterpart on loopback. */
class ExchangeHttpProxyTest {

    @TempDir
    Path dir;

    private HttpServer counterpart;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void startCounterpart() throws Exception {
        TinyProxy.requireAvailable();
        counterpart = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        counterpart.createContext("/registry", ex -> {
            hits.incrementAndGet();
            byte[] body = "принято".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        counterpart.start();
    }

    @AfterEach
    void stopCounterpart() {
        counterpart.stop(0);
    }

    private static ExchangeSettings settings(String proxy) {
        return new ExchangeSettings(Duration.ofSeconds(5), 10_000, Duration.ofSeconds(5), DataSize.ofMegabytes(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5), proxy);
    }

    private HttpResponse<String> get(ExchangeHttp http) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + counterpart.getAddress().getPort() + "/registry?day=1");
        return http.client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void anExchangeGoesThroughTheProxyWithItsPassword() throws Exception {
        try (TinyProxy proxy = TinyProxy.start(dir, TinyProxy.freePort(), "clinic", "s3cret-word")) {
            ExchangeHttp http = new ExchangeHttp(settings("http://clinic:s3cret-word@127.0.0.1:" + proxy.port()));
            HttpResponse<String> answer = get(http);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("принято");
            assertThat(proxy.log()).contains("/registry?day=1");
            assertThat(hits).hasValue(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheProxyAndTheCounterpartIsNotReached() throws Exception {
        try (TinyProxy proxy = TinyProxy.start(dir, TinyProxy.freePort(), "clinic", "s3cret-word")) {
            ExchangeSettings settings = settings("http://clinic:wrong@127.0.0.1:" + proxy.port());
            // tinyproxy 1.11 answers a wrong password with 401 and a page; the client gives up with "No credentials provided"
            Throwable failure = catchThrowable(() -> get(new ExchangeHttp(settings)));
            assertThat(failure).isInstanceOf(IOException.class);
            assertThat(HttpExchangeTask.describe(settings, failure))
                    .isEqualTo("прокси http://127.0.0.1:" + proxy.port() + " отклонил вход: проверьте пользователя и пароль в ksamu.exchange.proxy")
                    .doesNotContain("wrong");
            assertThat(hits).hasValue(0);
        }
    }

    @Test
    void aProxyThatDoesNotListenIsNamed() throws Exception {
        ExchangeSettings settings = settings("http://clinic:s3cret-word@127.0.0.1:" + TinyProxy.freePort());
        Throwable failure = catchThrowable(() -> get(new ExchangeHttp(settings)));
        assertThat(HttpExchangeTask.describe(settings, failure)).startsWith("прокси http://127.0.0.1:")
                .endsWith(" не отвечает (ksamu.exchange.proxy)").doesNotContain("s3cret");
    }

    @Test
    void aBadProxySettingNamesItsKeyWithoutThePassword() {
        assertThatThrownBy(() -> settings("ftp://clinic:s3cret-word@127.0.0.1:3128"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.exchange.proxy")
                .hasMessageNotContaining("s3cret-word");
    }
}
