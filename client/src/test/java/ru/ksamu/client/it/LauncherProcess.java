package ru.ksamu.client.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A launcher running headless in its own process (its MIS program inherits its output and input),
 * as a workstation runs it. Shared with the e2e tests through the client's test jar.
 */
public final class LauncherProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public LauncherProcess(List<String> command) throws IOException {
        this("launcher", command);
    }

    /** Starts {@code command}; its output lines are kept and echoed as {@code [name] line}. */
    public LauncherProcess(String name, List<String> command) throws IOException {
        this(name, command, Map.of());
    }

    /**
     * Starts {@code command} with these environment variables added; the launcher's own variables
     * ({@code KSAMU_ENROLL_CODE}, {@code KSAMU_WORKSTATION_TOKEN}) come only from {@code env}.
     */
    public LauncherProcess(String name, List<String> command, Map<String, String> env) throws IOException {
        this.name = name;
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("KSAMU_ENROLL_CODE");
        pb.environment().remove("KSAMU_WORKSTATION_TOKEN");
        pb.environment().putAll(env);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                    System.out.println("[" + name + "] " + l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The command that runs the launcher jar the build made in {@code clientTarget} (the client
     * module's {@code target/}), as an admin runs it on a workstation, followed by {@code args}.
     * Both JVMs (the launcher's and, through {@code --java-option}, the MIS program's) are the small
     * quick-starting kind a test wants.
     */
    public static List<String> command(Path clientTarget, String... args) {
        Path jar;
        try (Stream<Path> s = Files.list(clientTarget)) {
            jar = s.filter(p -> p.getFileName().toString().matches("ksamu-client-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run mvn verify: " + clientTarget
                            + "/ksamu-client-*-exec.jar is missing"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-jar", jar.toAbsolutePath().toString(),
                "--java-option", "-XX:+UseSerialGC", "--java-option", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Waits until a line contains the text; returns that line. */
    public String awaitLine(String text) {
        return lines.get(awaitLine(text, 0));
    }

    /** Waits until a line at or after index {@code from} contains the text; returns its index. */
    public int awaitLine(String text, int from) {
        int[] at = {-1};
        await().atMost(Duration.ofSeconds(90)).alias(name + ": a line with '" + text + "' after line " + from)
                .until(() -> (at[0] = indexOf(text, from)) >= 0);
        return at[0];
    }

    /** The index of the first line at or after {@code from} that contains the text, or -1. */
    public int indexOf(String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The number of lines so far: a mark for {@link #awaitLine(String, int)}. */
    public int mark() {
        return lines.size();
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** One line on the program's standard input ({@code patients}, {@code relogin}, {@code quit}). */
    public void send(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The processes the launcher started (the MIS program) that still run. */
    public List<ProcessHandle> children() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** Asks the launcher alone to stop (SIGTERM), as a logout or {@code kill} does. */
    public void terminate() {
        process.destroy();
    }

    public int exit() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not end; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
