package ru.ksamu.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.Api;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.server.TaskForms;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;

/**
 * Task types as plug-ins (issue 23, point 3): the documented sample and a probe, compiled against
 * the plug-in API and put into a fresh data folder's {@code plugins/} before the server starts,
 * become task types; five broken jars are left out, logged and listed on Главная, and the server
 * starts with everything else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0"})
@ContextConfiguration(initializers = {ServerOnH2.class, PluginJars.class})
class PluginsH2IT {

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;
    @TempDir
    Path folder;

    @Test
    void sampleFromThePluginFolderIsATaskTypeAndRunsWithItsOptions() throws Exception {
        JsonNode types = Api.at(port).get("/api/v1/tasks/types").json();
        JsonNode sample = StreamSupport.stream(types.spliterator(), false)
                .filter(t -> t.get("key").asString().equals("SAMPLE_FOLDER_REPORT")).findFirst().orElseThrow();
        assertThat(sample.get("title").asString()).isEqualTo("Отчёт о папке обмена");
        assertThat(sample.get("titleEn").asString()).isEqualTo("Exchange folder report");
        assertThat(types.toString()).contains("\"BACKUP\"", "TEST_PROBE").doesNotContain("NO_LICENCE", "Ещё один бэкап");

        Files.writeString(folder.resolve("a.xml"), "12345");
        Files.writeString(folder.resolve("b.xml"), "123");
        WorkSnapshot ok = run(create("SAMPLE_FOLDER_REPORT", Map.of("folder", folder.toString())));
        assertThat(ok.state()).as(log(ok.id())).isEqualTo(WorkState.DONE);
        assertThat(log(ok.id())).contains("Папка " + folder + ": файлов 2, байт 8");

        WorkSnapshot failed = run(create("SAMPLE_FOLDER_REPORT", Map.of("folder", folder.toString(), "min-files", "5")));
        assertThat(failed.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(failed.id())).contains("файлов 2, ожидалось не меньше 5");

        Api.Reply bad = Api.at(port).post("/api/v1/tasks", form("SAMPLE_FOLDER_REPORT", "Без папки", Map.of()), TestAdmin.PASSWORD);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("Укажите «Папка»");
    }

    @Test
    void pluginSeesTheApiAndTheJdkButNotTheServer() {
        WorkSnapshot probe = run(create("TEST_PROBE", Map.of()));
        assertThat(probe.state()).as(log(probe.id())).isEqualTo(WorkState.DONE);
        assertThat(log(probe.id())).contains("JDK виден: true", "Сервер не виден").doesNotContain("Сервер виден");
    }

    @Test
    void brokenPluginsAreListedOnTheHomePageInBothLanguages() {
        Api.Reply ru = Api.at(port).get("/");
        assertThat(ru.status()).isEqualTo(200);
        assertThat(ru.text()).contains("Модули расширения с ошибками",
                "broken-constructor.jar", "нет лицензии на модуль",
                "missing-class.jar", "test.NotThere",
                "duplicate-key.jar", "ключ «BACKUP» уже занят",
                "no-services.jar", "в jar нет META-INF/services/ru.ksamu.plugin.TaskPlugin",
                "not-a-jar.jar", "файл не читается как jar")
                .doesNotContain("sample-folder-report.jar", "probe.jar</code>");
        Api.Reply en = Api.at(port).get("/?lang=en");
        assertThat(en.text()).contains("Plug-ins with errors", "the key &#39;BACKUP&#39; is taken by another task type",
                "the file cannot be read as a jar");
    }

    private static Map<String, Object> form(String type, String name, Map<String, String> options) {
        return TaskForms.dailyFarAhead(type, name, options);
    }

    private long create(String type, Map<String, String> options) {
        Api.Reply r = Api.at(port).post("/api/v1/tasks", form(type, type + " " + System.nanoTime(), options), TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private WorkSnapshot run(long taskId) {
        Api.Reply r = Api.at(port).post("/api/v1/tasks/" + taskId + "/run", null, TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        long runId = r.json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> threads.get(runId).map(s -> s.state().finished()).orElse(false));
        return threads.get(runId).orElseThrow();
    }

    private String log(long runId) {
        return Api.at(port).get("/api/v1/logs?run=" + runId + "&size=500").text();
    }
}
