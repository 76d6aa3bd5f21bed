package ru.ksamu.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.testkit.JavaProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ksamu.log-format=json}: the hub's log file holds one JSON object per line (Elastic Common
 * Schema). The hub runs as a process of its own: logging is set up once per JVM, and a test
 * context running in this one would keep its text logging.
 */
class JsonLogIT {

    @TempDir
    Path tmp;

    @Test
    void theLogFileHoldsOneJsonObjectPerLine() throws Exception {
        Path data = tmp.resolve("data");
        Path log = data.resolve("logs/hub.log");
        try (JavaProcess hub = JavaProcess.start(HubApplication.class, tmp.resolve("out.txt"),
                "--ksamu.port=0", "--ksamu.data-dir=" + data, "--ksamu.log-format=json")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !hub.isAlive()
                    || Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Started HubApplication"));
            assertThat(hub.isAlive()).as(Files.readString(tmp.resolve("out.txt"))).isTrue();
        }
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> entries = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(json::readTree).toList();
        assertThat(entries).isNotEmpty().allMatch(JsonNode::isObject);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("message").asString()).startsWith("Started HubApplication");
            assertThat(e.path("log").path("level").asString()).isEqualTo("INFO");
        });
    }
}
