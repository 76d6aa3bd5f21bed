package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Boots the hub and the server on free ports and checks what a newcomer sees first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SystemSmokeContract {

    private RunningSystem system;

    abstract RunningSystem.Db db();

    @BeforeAll
    void start() throws Exception {
        system = RunningSystem.start(db());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void hubAndServerReportHealthUp() throws Exception {
        for (String base : new String[] {system.hubUrl(), system.serverUrl()}) {
            HttpResponse<String> r = system.get(base + "/actuator/health");
            assertThat(r.statusCode()).as(base).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void consoleHomeShowsNoInstalledVersionAndTheMainBaseReachable() throws Exception {
        HttpResponse<String> r = system.get(system.serverUrl() + "/");
        assertThat(r.statusCode()).isEqualTo(200);
        String kind = db() == RunningSystem.Db.H2 ? "H2" : "PostgreSQL";
        assertThat(r.body())
                .contains("Сервер КСАМУ")
                .contains("Установленная версия")
                .contains("не установлена")
                .contains("Главная база")
                .contains("<td>" + kind + "</td>")
                .contains("доступна")
                .doesNotContain("недоступна");
    }

    @Test
    void consoleSwitchesToEnglish() throws Exception {
        HttpResponse<String> r = system.get(system.serverUrl() + "/?lang=en");
        assertThat(r.body()).contains("KSAMU Server").contains("not installed");
    }

    @Test
    void bothExposePrometheusMetrics() throws Exception {
        for (String base : new String[] {system.hubUrl(), system.serverUrl()}) {
            HttpResponse<String> r = system.get(base + "/actuator/prometheus");
            assertThat(r.statusCode()).as(base).isEqualTo(200);
            assertThat(r.body()).contains("jvm_memory_used_bytes");
        }
    }
}
