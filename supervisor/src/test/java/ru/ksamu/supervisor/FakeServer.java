package ru.ksamu.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the server in supervisor tests, started from a jar whose manifest points at the
 * test classes. Its version folder's file {@code mode} says how it behaves: {@code ok} (default)
 * answers UP on /actuator/health, writes running.json and exits with the restart code when the
 * file {@code <data>/server/restart-now} appears; {@code hang} never becomes ready; {@code exit}
 * exits with 1 at once.
 */
public final class FakeServer {

    public static void main(String[] args) throws Exception {
        Path versionDir = null;
        for (String a : args) {
            if (a.startsWith("--spring.config.additional-location=optional:file:")) {
                versionDir = Path.of(a.substring("--spring.config.additional-location=optional:file:".length()));
            }
        }
        String mode = Files.isRegularFile(versionDir.resolve("mode")) ? Files.readString(versionDir.resolve("mode")).strip() : "ok";
        if (mode.equals("exit")) {
            System.exit(1);
        }
        if (mode.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (!"1".equals(System.getenv(Supervisor.SUPERVISED_ENV))) {
            System.exit(9); // the supervisor must say so
        }
        ServerFolder folder = new ServerFolder(Path.of(System.getenv("KSAMU_DATA_DIR")));
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/actuator/health", ex -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        folder.writeRunning(new ServerFolder.Running(ProcessHandle.current().pid(), http.getAddress().getPort(),
                versionDir.getFileName().toString()));
        Path restart = folder.root().resolve("restart-now");
        while (!Files.exists(restart)) {
            Thread.sleep(50);
        }
        Files.delete(restart);
        http.stop(0);
        System.exit(Supervisor.RESTART_EXIT_CODE);
    }
}
