package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/** "Выполнить задание немедленно" over REST, for servers in this JVM or in another process. */
final class TaskApi {

    private TaskApi() {
    }

    /**
     * Runs the first task of {@code type} now and returns the run id. A scheduled run of the same
     * task may be under way (the default tasks run at night): "run now" answers 409 until it ends.
     */
    static long runNow(HttpClient http, String base, String type) throws Exception {
        JsonNode tasks = JsonMapper.shared().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tasks"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        long id = -1;
        for (JsonNode t : tasks) {
            if (type.equals(t.get("type").asString())) {
                id = t.get("id").asLong();
                break;
            }
        }
        assertThat(id).as("a default task of type " + type).isPositive();
        HttpRequest run = HttpRequest.newBuilder(URI.create(base + "/api/v1/tasks/" + id + "/run"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = await().atMost(Duration.ofSeconds(60))
                .until(() -> http.send(run, HttpResponse.BodyHandlers.ofString()), x -> x.statusCode() != 409);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.shared().readTree(r.body()).get("runId").asLong();
    }
}
