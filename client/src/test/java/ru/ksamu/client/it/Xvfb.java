package ru.ksamu.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * A real X server (Xvfb) on a free display for the Swing tests, and where their screenshots go:
 * {@code target/screenshots/}, or {@code docs/screenshots/} with {@code -Dksamu.screenshots=docs}.
 * Without Xvfb the test is skipped loudly, and fails with {@code CI=true}.
 */
public final class Xvfb implements AutoCloseable {

    public static final Path SHOTS = "docs".equals(System.getProperty("ksamu.screenshots"))
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    public static Xvfb start() throws Exception {
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
        String display = ":" + n;
        Process xvfb = new ProcessBuilder(bin.toString(), display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "xvfb-" + n + ".log").toFile()).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + n);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            assertThat(xvfb.isAlive()).as("Xvfb ended; see target/xvfb-" + n + ".log").isTrue();
            Thread.sleep(100); // polling for a socket file another process creates
        }
        assertThat(socket).as("Xvfb's socket").exists();
        return new Xvfb(xvfb, display);
    }

    /**
     * Runs {@code mainClass} of the test class path in a JVM of its own on this display with
     * {@code args}; returns its output once it has exited 0.
     */
    public String run(Class<?> mainClass, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Duser.timezone=UTC",
                "-cp", cp, mainClass.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The picture exists and shows something (more than five colours on a 7-pixel grid). */
    public static void assertPicture(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(200);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 7) {
            for (int y = 0; y < img.getHeight(); y += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(png + " shows something").isGreaterThan(5);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
