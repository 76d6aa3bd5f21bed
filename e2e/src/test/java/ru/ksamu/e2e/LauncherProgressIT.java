package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.it.Xvfb;
import ru.ksamu.client.launcher.ProgressDemo;

/**
 * The launcher's progress window on a real X server while a client really downloads from a real
 * hub and server on loopback: the window says which version it installs and how much of it has
 * come, the bar stands between 40 % and 100 %, and the screenshot is
 * {@code client-progress.png} (in {@code docs/screenshots/} with {@code -Dksamu.screenshots=docs}).
 */
class LauncherProgressIT {

    @Test
    void theLauncherWindowShowsTheDownloadAsItGoes() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-client-progress");
        try (Xvfb xvfb = Xvfb.start(); LiveSystem system = new LiveSystem(dir)) {
            system.publishAndInstall(system.source("1.0.0.1", Map.of(
                    "scripts/V1_0_0__patient.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n")),
                    "1.0.0.1");
            String out = xvfb.run(ProgressDemo.class, system.serverUrl, system.releasePub().toString(),
                    dir.resolve("workstation").toString(), Xvfb.SHOTS.toString());
            assertThat(out).contains("CHECK the launcher's window is shown")
                    .containsPattern("CHECK the bar shows the share downloaded: \\d+/1000")
                    .containsPattern("CHECK the window says what it does: <html>Обновление клиента до версии 1\\.0\\.0\\.1: загрузить"
                            + " (\\d+) из \\1 файлов")
                    .contains("CHECK version 1.0.0.1 is installed").contains("PROGRESS OK");
            Xvfb.assertPicture(Xvfb.SHOTS.resolve("client-progress.png"));
        }
    }
}
