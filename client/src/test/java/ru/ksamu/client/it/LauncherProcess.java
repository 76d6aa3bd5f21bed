package ru.ksamu.client.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A launcher running headless in its own process (its MIS program inherits its output and input). */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    LauncherProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                    System.out.println("[launcher] " + l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until a line contains the text; returns that line. */
    String awaitLine(String text) {
        await().atMost(Duration.ofSeconds(90)).until(() -> lines.stream().anyMatch(l -> l.contains(text)));
        return lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    String output() {
        return String.join("\n", lines);
    }

    void send(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    int exit() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("the launcher did not end; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
