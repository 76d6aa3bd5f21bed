package ru.ksamu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ksamu.log-format=json} checked the same way for hub and server: the program runs as a
 * process of its own (logging is set up once per JVM, and a test context in this one would keep
 * its text logging), and its log file must hold one JSON object per line (Elastic Common Schema).
 */
public final class JsonLogs {

    private JsonLogs() {
    }

    /**
     * Starts {@code application} with {@code --ksamu.log-format=json} on a free port and a data folder
     * in {@code tmp}, waits until it has logged its start, stops it, and checks every line of
     * {@code logs/<logFile>}: a JSON object, with the start message at INFO and a UTC timestamp.
     */
    public static void assertStartIsLoggedAsJson(Class<?> application, Path tmp, String logFile)
            throws IOException, InterruptedException {
        Path data = tmp.resolve("data");
        Path log = data.resolve("logs").resolve(logFile);
        String started = "Started " + application.getSimpleName();
        try (JavaProcess program = JavaProcess.start(application, tmp.resolve("out.txt"),
                "--ksamu.port=0", "--ksamu.data-dir=" + data, "--ksamu.log-format=json")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !program.isAlive()
                    || Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(started));
            assertThat(program.isAlive()).as(Files.readString(tmp.resolve("out.txt"))).isTrue();
        }
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> entries = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(json::readTree).toList();
        assertThat(entries).isNotEmpty().allMatch(JsonNode::isObject);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("message").asString()).startsWith(started);
            assertThat(e.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(e.path("@timestamp").asString()).endsWith("Z");
        });
    }
}
