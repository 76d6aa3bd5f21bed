package ru.ksamu.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.client.StandInServer;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.client.mis.MisMain;
import ru.ksamu.release.signing.SigningKeyPair;

/**
 * The launcher as a workstation runs it (its own process, headless, starting the real MIS program
 * of the installed version as its child) against a stand-in server: a manifest that stalls. The
 * installed "version" is a jar that runs {@link MisMain} from this build's classes.
 */
class LauncherStandInTest {

    @TempDir
    Path dir;
    Path data;
    LauncherProcess launcher;

    @BeforeEach
    void workstation() throws Exception {
        data = dir.resolve("workstation");
        Files.createDirectories(data.resolve("versions/1.0.0.1"));
        programJar(data.resolve("versions/1.0.0.1/ksamu-mis.jar"));
        Files.writeString(data.resolve("current"), "1.0.0.1\n");
        SigningKeyPair.generate().writeTo(dir.resolve("keys"), "release");
        Files.copy(dir.resolve("keys/release.pub"), data.resolve("release.pub"));
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void aManifestThatStallsStartsTheInstalledVersionWithTheReason() throws Exception {
        try (StandInServer stalling = new StandInServer()) {
            stalling.route("/api/v1/client/manifest", (x, r) -> stalling.stall(x, "{\"version\":".getBytes(StandardCharsets.UTF_8)));
            LauncherProcess l = new LauncherProcess("launcher", command(stalling.url()));
            launcher = l;
            l.awaitLine("MIS ready 1.0.0.1");
            assertThat(l.output()).contains("Сервер " + stalling.url() + " недоступен (сервер перестал передавать данные:"
                    + " меньше 1,0 КБ за 2 с (получено 11 Б)): запускается установленная версия 1.0.0.1");
            assertThat(l.awaitLine("MIS notice")).contains("сервер перестал передавать данные");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
    }

    /** The launcher from this build's classes, headless, with short timeouts, against {@code server}. */
    List<String> command(String server) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-cp", classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                LauncherMain.class.getName(), "--server", server, "--data", data.toString(), "--headless",
                "--user", "nurse", "--connect-timeout", "2s", "--read-timeout", "2s",
                "--java-option", "-XX:+UseSerialGC", "--java-option", "-XX:TieredStopAtLevel=1"));
    }

    /** This test run's class path (Surefire names it apart when it runs from a manifest-only jar). */
    static List<Path> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath()).toList();
    }

    /** A program jar as a release carries it, but running {@link MisMain} from this build's classes. */
    static void programJar(Path jar) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MisMain.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath().stream()
                .map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }
}
