package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.File;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.testkit.TestTls;
import ru.ksamu.testkit.TinyProxy;

/**
 * An https hub through a proxy that demands a password (tinyproxy, {@code CONNECT}): the JDK
 * refuses Basic for tunnels by default, so the call fails with the Russian reason naming the
 * proxy and the JVM option; with {@code -Djdk.http.auth.tunneling.disabledSchemes=} it goes
 * through. Each run is a JVM of its own ({@link HubThroughProxyMain}): the JDK reads the switch once.
 */
class HubHttpsTunnelIT {

    static final String PASSWORD = "proxy-s3cret";

    @TempDir
    Path dir;
    TinyProxy proxy;
    HttpsServer hub;
    TestTls tls;

    @BeforeAll
    static void tinyproxyIsThere() {
        TinyProxy.requireAvailable();
    }

    @BeforeEach
    void proxyAndHub() throws Exception {
        proxy = TinyProxy.start(dir.resolve("proxy"), TinyProxy.freePort(), "ksamu", PASSWORD);
        tls = TestTls.create(dir.resolve("tls"));
        hub = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        hub.createContext("/api/v1/channels/", ex -> {
            byte[] feed = "{\"feed\":\"...\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, feed.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(feed);
            }
        });
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop(0);
        proxy.close();
    }

    String run(String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8"));
        cmd.addAll(tls.trustOptions());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                HubThroughProxyMain.class.getName(), "http://ksamu:proxy-s3cr%65t@127.0.0.1:" + proxy.port(),
                "https://127.0.0.1:" + hub.getAddress().getPort() + "/api/v1/channels/test/latest"));
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).as("the password is never printed").doesNotContain(PASSWORD).doesNotContain("proxy-s3cr%65t");
        return text;
    }

    @Test
    void withoutTheJvmOptionTheRefusalNamesTheProxyAndTheOption() throws Exception {
        assertThat(run()).contains("FAILED Прокси http://127.0.0.1:" + proxy.port() + " отклонил вход (407 Proxy"
                        + " Authentication Required): проверьте пользователя и пароль в ksamu.update.proxy; для облака по https"
                        + " через прокси с паролем Java нужен параметр -Djdk.http.auth.tunneling.disabledSchemes= (KSAMU_JAVA_OPTS)")
                .as("the start-up warning").contains("has credentials, but the JDK refuses Basic authentication for HTTPS tunnels");
    }

    @Test
    void withTheJvmOptionTheHttpsHubAnswersThroughTheTunnel() throws Exception {
        assertThat(run("-Djdk.http.auth.tunneling.disabledSchemes=")).contains("OK 200 14");
        assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + hub.getAddress().getPort());
    }
}
