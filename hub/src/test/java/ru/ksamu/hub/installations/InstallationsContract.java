package ru.ksamu.hub.installations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import tools.jackson.databind.JsonNode;

/** Statistics reports of KSAMU servers and the list of installations, on each kind of hub database. */
public abstract class InstallationsContract extends HubContractSupport {

    static final String KEY = "k3y-of-this-installation-0123456789abcdef";

    static String report(String installed, String state) {
        return "{\"region\":\"09\",\"installedVersion\":\"" + installed + "\",\"serverVersion\":\"0.1.0-SNAPSHOT\","
                + "\"tasks\":[{\"type\":\"BACKUP\",\"state\":\"" + state + "\",\"finishedAt\":\"2026-11-25T03:00:12Z\"},"
                + "{\"type\":\"KSAMU_UPDATE\",\"state\":null,\"finishedAt\":null}],"
                + "\"patientName\":\"never stored\"}";
    }

    HubHttp.Reply send(String id, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub().base() + "/api/v1/installations/" + id + "/stats"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-Ksamu-Installation-Key", key);
        }
        return hub().send(b.build());
    }

    JsonNode listed(String id) {
        for (JsonNode n : hub().get("/api/v1/installations").json()) {
            if (n.get("installationId").asString().equals(id)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void firstReportRegistersLaterOnesReplaceItAndTheListShowsVersions() {
        String id = UUID.randomUUID().toString();
        HubHttp.Reply first = send(id, KEY, report("6.0.51.22965", "DONE"));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode n = listed(id);
        assertThat(n.get("region").asString()).isEqualTo("09");
        assertThat(n.get("installedVersion").asString()).isEqualTo("6.0.51.22965");
        assertThat(n.get("serverVersion").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(n.get("reports").asLong()).isEqualTo(1);
        assertThat(n.get("tasks").get(0).get("type").asString()).isEqualTo("BACKUP");
        assertThat(hub().get("/api/v1/installations").text()).doesNotContain("never stored").doesNotContain(KEY);

        HubHttp.Reply tooSoon = send(id, KEY, report("6.0.51.22966", "FAILED"));
        assertThat(tooSoon.status()).as(tooSoon.text()).isEqualTo(429);
        assertThat(tooSoon.header("Retry-After")).isPresent();

        jdbc.sql("UPDATE installation_stats SET received_at = ? WHERE installation_id = ?")
                .params(OffsetDateTime.now().minusHours(1), id).update();
        HubHttp.Reply second = send(id, KEY, report("6.0.51.22966", "FAILED"));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        n = listed(id);
        assertThat(n.get("installedVersion").asString()).isEqualTo("6.0.51.22966");
        assertThat(n.get("tasks").get(0).get("state").asString()).isEqualTo("FAILED");
        assertThat(n.get("reports").asLong()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM installation_stats WHERE installation_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aReportWithAnotherKeyIsRefusedAndChangesNothing() {
        String id = UUID.randomUUID().toString();
        assertThat(send(id, KEY, report("6.0.51.1", "DONE")).status()).isEqualTo(201);
        jdbc.sql("UPDATE installation_stats SET received_at = ? WHERE installation_id = ?")
                .params(OffsetDateTime.now().minusHours(1), id).update();
        HubHttp.Reply other = send(id, "someone-else-0123456789abcdef-0123456789", report("6.0.51.2", "DONE"));
        assertThat(other.status()).as(other.text()).isEqualTo(403);
        assertThat(other.json().get("code").asString()).isEqualTo("WRONG_KEY");
        assertThat(listed(id).get("installedVersion").asString()).isEqualTo("6.0.51.1");
    }

    @Test
    void badReportsAreRefusedWithoutAPublisherToken() {
        String id = UUID.randomUUID().toString();
        assertThat(send(id, null, report("6.0.51.1", "DONE")).status()).isEqualTo(401);
        assertThat(send("not-a-uuid", KEY, report("6.0.51.1", "DONE")).status()).isEqualTo(400);
        assertThat(send(id, KEY, "{\"serverVersion\":\"1\",\"region\":\"Москва\"}").status()).isEqualTo(400);
        assertThat(send(id, KEY, "not json").status()).isEqualTo(400);
        HubHttp.Reply big = send(id, KEY, report("6.0.51.1", "DONE").replace("\"never stored\"",
                "\"" + "x".repeat(70_000) + "\""));
        assertThat(big.status()).as(big.text()).isEqualTo(413);
        assertThat(listed(id)).isNull();
        // other changes still need the publisher's token
        assertThat(hub().post("/api/v1/installations/" + id, null).status()).isEqualTo(401);
    }
}
