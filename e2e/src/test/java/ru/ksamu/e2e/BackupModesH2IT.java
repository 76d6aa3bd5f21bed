package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.TestAdmin;

class BackupModesH2IT extends BackupModesContract {

    @Override
    List<String> hubDatabase() {
        return List.of();
    }

    @Override
    List<String> serverDatabases(String prefix) {
        return List.of();
    }

    @Override
    boolean postgres() {
        return false;
    }

    /** H2 has no restore point: asking for one stops the start, naming the key. */
    @Test
    void aRestorePointOnH2StopsTheStartNamingTheKey() throws Exception {
        String data = Files.createTempDirectory("ksamu-e2e-mode-rp").toString();
        assertThatThrownBy(() -> ServerApplication.builder().run("--ksamu.port=0", "--ksamu.data-dir=" + data,
                "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.update.backup=restore-point").close())
                .rootCause().hasMessageContaining("Неверная настройка ksamu.update.backup = \"restore-point\"")
                .hasMessageContaining("главная база — H2");
    }
}
