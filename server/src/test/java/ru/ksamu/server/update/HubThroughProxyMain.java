package ru.ksamu.server.update;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * One call of {@link HubHttp} in a JVM of its own, for what the JDK reads once per JVM (the
 * tunnelling switch, the trust store): {@code <proxy setting> <url>}; prints {@code OK <status>
 * <bytes>} or {@code FAILED <message>}.
 */
public final class HubThroughProxyMain {

    private HubThroughProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        String proxy = args[0];
        String url = args[1];
        HubHttp http = new HubHttp(RestClient.builder(), new UpdateSettings(url.substring(0, url.indexOf("/api/")), "",
                List.of(), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(5), DataSize.ofBytes(0), proxy));
        try {
            HubHttp.Answer a = http.fetch(HttpMethod.GET, url, "ленту обновлений", Map.of(), null, 1 << 20,
                    Duration.ofSeconds(10));
            System.out.println("OK " + a.status() + " " + a.body().length);
        } catch (HubCallFailedException e) {
            System.out.println("FAILED " + e.getMessage());
        } finally {
            http.destroy();
        }
    }
}
