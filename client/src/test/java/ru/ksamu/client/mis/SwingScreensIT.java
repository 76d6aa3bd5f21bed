package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client's windows on a real X server (Xvfb, started here on a free display): the MIS
 * window, the countdown on top of it, the lock screen and the completion dialog, checked and
 * saved as screenshots to {@code target/screenshots/} ({@code -Dksamu.screenshots=docs}: to
 * {@code docs/screenshots/}). Without Xvfb it is skipped loudly, and fails with {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwingScreensIT {

    static final Path SHOTS = "docs".equals(System.getProperty("ksamu.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    Process xvfb;
    String display;

    @BeforeAll
    void startXvfb() throws Exception {
        Path bin = List.of(Path.of("/usr/bin/Xvfb"), Path.of("/usr/local/bin/Xvfb")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (bin == null) {
            String msg = "Xvfb is missing (apt-get install -y xvfb): the Swing screen tests cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg + "; with CI=true they are mandatory");
            }
            System.err.println("!!! SKIPPED: " + msg);
            Assumptions.abort(msg);
        }
        int n = 0;
        for (int i = 0; i < 50; i++) {
            int candidate = 90 + ThreadLocalRandom.current().nextInt(400);
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + candidate)) && !Files.exists(Path.of("/tmp/.X" + candidate + "-lock"))) {
                n = candidate;
                break;
            }
        }
        display = ":" + n;
        xvfb = new ProcessBuilder(bin.toString(), display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "xvfb.log").toFile()).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + n);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            assertThat(xvfb.isAlive()).as("Xvfb ended; see target/xvfb.log").isTrue();
            Thread.sleep(100);
        }
        assertThat(socket).as("Xvfb's socket").exists();
    }

    @AfterAll
    void stopXvfb() throws Exception {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    String run(String lang) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Duser.timezone=UTC",
                "-cp", cp, ScreensDemo.class.getName(), SHOTS.toString(), lang));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SCREENS OK");
        return out;
    }

    static void assertPicture(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(200);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 7) {
            for (int y = 0; y < img.getHeight(); y += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(png + " shows something").isGreaterThan(5);
    }

    @Test
    void theCountdownTheLockAndTheCompletionDialogAsAUserSeesThem() throws Exception {
        String out = run("ru");
        assertThat(out).contains("CHECK the countdown ticks").contains("CHECK the lock closes the countdown")
                .contains("CHECK [Перезайти в МИС] exits for a new log-in").contains("CHECK [Закрыть программу] closes the program");
        for (String f : List.of("client-mis.png", "client-countdown.png", "client-locked.png", "client-completed.png")) {
            assertPicture(SHOTS.resolve(f));
        }
    }

    @Test
    void inEnglishWithLangEn() throws Exception {
        String out = run("en");
        assertThat(out).contains("CHECK [Log in to the MIS again] exits for a new log-in");
        assertPicture(SHOTS.resolve("client-countdown-en.png"));
    }
}
