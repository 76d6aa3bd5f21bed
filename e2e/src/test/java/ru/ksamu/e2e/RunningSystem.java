package ru.ksamu.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.Postgres;
import ru.ksamu.testkit.TestAdmin;

/** A hub and a server started in this JVM on free ports, on H2 files or fresh PostgreSQL databases. */
final class RunningSystem implements AutoCloseable {

    enum Db { H2, POSTGRESQL }

    private final ConfigurableApplicationContext hub;
    private final ConfigurableApplicationContext server;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningSystem(ConfigurableApplicationContext hub, ConfigurableApplicationContext server) {
        this.hub = hub;
        this.server = server;
    }

    static RunningSystem start(Db db) throws IOException {
        Path dir = Files.createTempDirectory("ksamu-e2e-");
        ConfigurableApplicationContext hub = HubApplication.builder()
                .run(args(dir.resolve("hub"), db, "ksamu.hub-db").toArray(String[]::new));
        List<String> serverArgs = args(dir.resolve("server"), db, "ksamu.service-db");
        serverArgs.addAll(database(db, "ksamu.databases.main"));
        serverArgs.add("--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD);
        ConfigurableApplicationContext server = ServerApplication.builder()
                .run(serverArgs.toArray(String[]::new));
        return new RunningSystem(hub, server);
    }

    private static List<String> args(Path dataDir, Db db, String dbKey) {
        List<String> a = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dataDir));
        a.addAll(database(db, dbKey));
        return a;
    }

    private static List<String> database(Db db, String key) {
        if (db == Db.H2) {
            return List.of(); // the embedded defaults under the data folder
        }
        return E2e.postgres(key, Postgres.createDatabase(key.substring(key.lastIndexOf('.') + 1).replace("-", "")));
    }

    String hubUrl() {
        return "http://127.0.0.1:" + port(hub);
    }

    String serverUrl() {
        return "http://127.0.0.1:" + port(server);
    }

    private static String port(ConfigurableApplicationContext ctx) {
        Environment env = ctx.getEnvironment();
        return env.getProperty("local.server.port");
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        hub.close();
    }
}
