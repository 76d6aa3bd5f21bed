package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.supervisor.ServerFolder;
import ru.ksamu.testkit.TestAdmin;

/**
 * Обновление Сервера КСАМУ on a server that no supervisor runs (this JVM): the task puts the
 * release's {@code server/} files beside the running server, names them pending, and asks the
 * admin to restart instead of ending the server.
 */
abstract class SelfUpdateUnsupervisedContract {

    abstract List<String> hubDatabase();

    abstract List<String> serverDatabases();

    private final HttpClient http = HttpClient.newHttpClient();
    private Vendor vendor;
    private ConfigurableApplicationContext server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    @Test
    void theServerFilesOfTheInstalledReleaseArePutBesideAndTheAdminIsAskedToRestart() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-e2e-selfupdate-unsupervised");
        vendor = new Vendor(dir, hubDatabase());
        Path data = dir.resolve("server");
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + data,
                "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                "--ksamu.update.hub-keys=" + vendor.hubPub()));
        args.addAll(serverDatabases());
        server = ServerApplication.builder().run(args.toArray(String[]::new));
        ServerFolder folder = new ServerFolder(data);

        // leftovers of older versions and of a copy cut short: the task clears them
        Files.createDirectories(folder.version("0.9.0.1"));
        Files.createDirectories(folder.version("1.0.0.1.tmp"));
        long nothing = runTask("SERVER_UPDATE");
        E2e.awaitRun(server, nothing, Duration.ofSeconds(30));
        assertThat(E2e.runLog(server, nothing)).contains("Релиз КСАМУ ещё не установлен");

        vendor.release(vendor.source("1.0.0.1", Map.of("client/ksamu-client.txt", "клиент 1.0.0.1\n",
                "server/ksamu-server.jar", "сервер 1.0.0.1\n", "server/conf/extra.txt", "настройка\n")),
                "1.0.0.1", "Сервер и клиент", "stable");
        long install = runTask("KSAMU_UPDATE");
        E2e.awaitRun(server, install, Duration.ofSeconds(60));
        long run = runTask("SERVER_UPDATE");
        E2e.awaitRun(server, run, Duration.ofSeconds(60));

        assertThat(E2e.runLog(server, run)).contains("Новая версия сервера установлена, перезапустите сервер");
        assertThat(state(run)).isEqualTo("DONE");
        assertThat(Files.readString(folder.jar("1.0.0.1"))).isEqualTo("сервер 1.0.0.1\n");
        assertThat(Files.readString(folder.version("1.0.0.1").resolve("conf/extra.txt"))).isEqualTo("настройка\n");
        assertThat(folder.version("1.0.0.1.tmp")).doesNotExist();
        assertThat(folder.version("0.9.0.1")).as("an old version no pointer names").doesNotExist();
        assertThat(folder.pending()).contains("1.0.0.1");
        assertThat(folder.running().orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(server.isActive()).as("no supervisor: the server keeps running").isTrue();

        long again = runTask("SERVER_UPDATE");
        E2e.awaitRun(server, again, Duration.ofSeconds(60));
        assertThat(E2e.runLog(server, again)).contains("уже лежит в").contains("перезапустите сервер");
    }

    private String state(long runId) {
        return server.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT state FROM work_run WHERE id = ?").param(runId).query(String.class).single();
    }

    private long runTask(String type) throws Exception {
        return TaskApi.runNow(http, "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"), type);
    }
}
