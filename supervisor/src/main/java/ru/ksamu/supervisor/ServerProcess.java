package ru.ksamu.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starts one server version as a child process, checks that it is healthy, stops it. */
final class ServerProcess {

    /** How long a server may take for a graceful stop before it is killed. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** How often a starting server is asked whether it is up. */
    static final Duration HEALTH_POLL = Duration.ofMillis(500);

    private final SupervisorOptions options;
    private final ServerFolder folder;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServerProcess(SupervisorOptions options, ServerFolder folder, Clock clock) {
        this.options = options;
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * {@code java [-D... of this JVM] [KSAMU_SERVER_JAVA_OPTS] -jar versions/<v>/ksamu-server.jar
     * --spring.config.additional-location=optional:file:versions/<v>/ args...}, standard streams
     * passed through, {@code KSAMU_SUPERVISED=1}. The version folder may carry a
     * {@code ksamu-server.yml} of its release; the command line and the environment still win.
     */
    Process start(String version) {
        ServerFolder.delete(folder.runningFile());
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-D")).forEach(cmd::add);
        String extra = System.getenv("KSAMU_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.strip().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", folder.jar(version).toString(),
                "--spring.config.additional-location=optional:file:" + folder.version(version) + "/"));
        cmd.addAll(options.serverArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        Map<String, String> env = pb.environment();
        env.put(Supervisor.SUPERVISED_ENV, "1");
        env.put("KSAMU_DATA_DIR", options.dataDir().toString()); // a --ksamu.data-dir argument, if any, still wins
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + cmd, e);
        }
    }

    /**
     * Waits until the process has written {@code running.json} with its own pid and its
     * {@code /actuator/health} says UP, at most the health timeout.
     *
     * @return empty when healthy, else the reason (Russian) it is not
     */
    Optional<String> awaitHealthy(Process p) throws InterruptedException {
        Instant deadline = clock.instant().plus(options.healthTimeout());
        while (clock.instant().isBefore(deadline)) {
            if (p.waitFor(HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("процесс завершился с кодом " + p.exitValue() + " до готовности");
            }
            Optional<ServerFolder.Running> r = folder.running().filter(x -> x.pid() == p.pid());
            if (r.isPresent() && up(r.get().port())) {
                return Optional.empty();
            }
        }
        return Optional.of("не ответил UP на /actuator/health за " + options.healthTimeout().toSeconds() + " с");
    }

    private boolean up(int port) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** A graceful stop (SIGTERM: Spring's graceful shutdown), then a kill after {@link #STOP_TIMEOUT}. */
    static int stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        return p.waitFor();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
