package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class BackupModesPostgresIT extends BackupModesContract {

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("modehub");
    }

    @Override
    List<String> serverDatabases(String prefix) {
        return E2e.postgresServer(prefix);
    }

    @Override
    boolean postgres() {
        return true;
    }

    /**
     * The shared test server does not archive WAL: an explicit restore-point is refused before the
     * countdown, in Russian, with the reason, and nothing is locked (never a silent fallback).
     */
    @Test
    void anExplicitRestorePointWithoutArchivingIsRefusedBeforeTheCountdown() throws Exception {
        try (ModeServer s = new ModeServer("restore-point")) {
            s.release("1.0.0.1", Map.of("scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY);\n",
                    "client/ksamu-client.txt", "клиент 1.0.0.1\n"));
            long run = s.release("1.1.0.1", Map.of("scripts/V1_1_0__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n",
                    "client/ksamu-client.txt", "клиент 1.1.0.1\n"));
            Map<String, Object> job = s.job("1.1.0.1");
            assertThat(job.get("STATE")).isEqualTo("FAILED");
            assertThat((String) job.get("MESSAGE")).contains("Точку восстановления создать нельзя: archive_mode = off")
                    .contains("База не блокировалась");
            assertThat(job.get("LOCKED_MS")).isNull();
            assertThat(E2e.runLog(s.server, run)).doesNotContain("Обратный отсчёт").doesNotContain("заблокирована");
            assertThat(s.update().path("installedVersion").asString()).isEqualTo("1.0.0.1");
        }
    }
}
