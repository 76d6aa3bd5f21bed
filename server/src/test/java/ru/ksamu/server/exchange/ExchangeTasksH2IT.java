package ru.ksamu.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.Api;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.server.TaskForms;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.TestAdmin;

/**
 * The exchange task types (issue 23, point 2) over the server's REST API: "Внешняя программа" with
 * real sh scripts (output, exit codes, a missing program, a stop and a timeout that end the whole
 * process tree) and "HTTP-обмен" against a real local HTTP server (500 then 200, one that never
 * answers, a closed port). After every failure the task's next run is still scheduled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.exchange.retry-delay=100ms",
                "ksamu.exchange.kill-grace=2s", "ksamu.exchange.max-answer-size=64KB"})
@ContextConfiguration(initializers = ServerOnH2.class)
class ExchangeTasksH2IT {

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;
    @TempDir
    Path dir;

    HttpServer counterpart;
    ExecutorService counterpartThreads;
    final CountDownLatch never = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final List<String> received = new CopyOnWriteArrayList<>();

    /** A counterpart: /flaky answers 500 once, then 200 with JSON; /never never answers. */
    @BeforeEach
    void startCounterpart() throws Exception {
        counterpart = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        counterpartThreads = Executors.newCachedThreadPool();
        counterpart.setExecutor(counterpartThreads);
        counterpart.createContext("/flaky", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " token=" + ex.getRequestHeaders().getFirst("X-Token")
                    + " type=" + ex.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
            boolean first = calls.incrementAndGet() == 1;
            byte[] answer = (first ? "временная ошибка" : "{\"принято\":" + body + "}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", first ? "text/plain; charset=UTF-8" : "application/json");
            ex.sendResponseHeaders(first ? 500 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        counterpart.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: the size shows only while it arrives
            byte[] kb = new byte[1024];
            for (int i = 0; i < 100; i++) {
                ex.getResponseBody().write(kb);
            }
            ex.close();
        });
        counterpart.createContext("/never", ex -> {
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        counterpart.start();
    }

    @AfterEach
    void stopCounterpart() {
        never.countDown();
        counterpart.stop(0);
        counterpartThreads.shutdownNow();
    }

    // ---- Внешняя программа ----

    @Test
    void programOutputGoesLineByLineIntoTheRunLogAndExitCodeZeroIsSuccess() throws Exception {
        Path script = script("ok.sh", """
                echo "первая строка"
                echo "аргумент: $1"
                echo "в stderr" >&2
                printf 'без перевода строки'
                """);
        WorkSnapshot run = runTask(create("EXTERNAL_PROGRAM", Map.of("program", script.toString(),
                "arguments", "\"с пробелом внутри\"", "folder", dir.toString())));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("> первая строка", "> аргумент: с пробелом внутри", "> в stderr",
                "> без перевода строки", "завершилась успешно (код 0)");

        // "Привет" in CP866, as a Windows console program writes it
        Path dos = script("cp866.sh", "printf '\\217\\340\\250\\242\\245\\342\\n'\n");
        WorkSnapshot cp866 = runTask(create("EXTERNAL_PROGRAM", Map.of("program", dos.toString(), "charset", "CP866")));
        assertThat(log(cp866.id())).contains("> Привет");
    }

    @Test
    void nonZeroExitFailsTheRunInRussianAndTheNextRunStaysScheduled() throws Exception {
        Path script = script("fail.sh", "echo 'нет связи с сервером реестра'\nexit 3\n");
        long task = create("EXTERNAL_PROGRAM", Map.of("program", script.toString()));
        WorkSnapshot run = runTask(task);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run.id())).contains("> нет связи с сервером реестра", "завершилась с кодом 3");
        assertNextRunScheduled(task);
    }

    @Test
    void missingProgramIsNamedInTheRunLog() {
        long task = create("EXTERNAL_PROGRAM", Map.of("program", dir.resolve("нет-такой-программы").toString()));
        WorkSnapshot run = runTask(task);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run.id())).contains("Программа не найдена: " + dir.resolve("нет-такой-программы"));
        assertNextRunScheduled(task);
    }

    @Test
    void stopEndsTheProgramAndTheChildItStarted() throws Exception {
        Path script = neverEnding();
        long task = create("EXTERNAL_PROGRAM", Map.of("program", script.toString(), "folder", dir.toString()));
        long runId = start(task);
        List<ProcessHandle> tree = awaitTree();
        Api.Reply stop = Api.at(port).post("/api/v1/threads/" + runId + "/stop", null, TestAdmin.PASSWORD);
        assertThat(stop.status()).as(stop.text()).isLessThan(300);
        WorkSnapshot run = awaitRun(runId);
        assertThat(run.state()).as(log(runId)).isEqualTo(WorkState.STOPPED);
        assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("PID " + p.pid()).isFalse());
        assertThat(log(runId)).contains("Остановка: программа");
        assertNextRunScheduled(task);
    }

    @Test
    void aChildTheProgramLeavesRunningIsEndedWithAWarning() throws Exception {
        Path script = script("leaves.sh", """
                sleep 300 &
                echo $! > child.pid
                echo $$ > self.pid
                sleep 1
                """);
        WorkSnapshot run = runTask(create("EXTERNAL_PROGRAM", Map.of("program", script.toString(), "folder", dir.toString())));
        assertThat(run.state()).as(log(run.id())).isEqualTo(WorkState.DONE);
        assertThat(log(run.id())).contains("Программа оставила работающие процессы (PID "
                + Files.readString(dir.resolve("child.pid")).strip() + "); они завершаются");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void timeoutEndsTheWholeTreeAndFailsTheRun() throws Exception {
        Path script = neverEnding();
        long task = create("EXTERNAL_PROGRAM", Map.of("program", script.toString(), "folder", dir.toString(), "timeout", "2"));
        long runId = start(task);
        List<ProcessHandle> tree = awaitTree();
        WorkSnapshot run = awaitRun(runId);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(runId)).contains("не завершилась за 2 с и остановлена вместе с запущенными ею процессами");
        assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("PID " + p.pid()).isFalse());
        assertNextRunScheduled(task);
    }

    @Test
    void onlyTheAdminMayConfigureAProgramAndBadOptionsAreRefusedInRussian() {
        Api.Reply anonymous = Api.at(port).post("/api/v1/tasks", form("EXTERNAL_PROGRAM", "Чужая программа",
                Map.of("program", "/bin/sh")), null);
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Reply wrong = Api.at(port).post("/api/v1/tasks", form("EXTERNAL_PROGRAM", "Чужая программа",
                Map.of("program", "/bin/sh")), "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);

        Api.Reply charset = Api.at(port).post("/api/v1/tasks", form("EXTERNAL_PROGRAM", "Кодировка",
                Map.of("program", "/bin/sh", "charset", "KOI9", "arguments", "\"не закрыта")), TestAdmin.PASSWORD);
        assertThat(charset.status()).isEqualTo(400);
        assertThat(charset.text()).contains("Кодировка «KOI9» неизвестна", "кавычка не закрыта");

        Api.Reply http = Api.at(port).post("/api/v1/tasks", form("HTTP_EXCHANGE", "Адрес",
                Map.of("url", "ftp://реестр", "method", "SEND", "expected-status", "2xx", "body", "${завтра}")), TestAdmin.PASSWORD);
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.text()).contains("нужен адрес http:// или https://", "«Метод» = «SEND»",
                "нужны коды от 100 до 599", "подстановка ${завтра} неизвестна");
    }

    @Test
    void theConsoleShowsTheExchangeOptionsInBothLanguages() {
        create("EXTERNAL_PROGRAM", Map.of("program", "/bin/true", "timeout", "2"));
        assertThat(Api.at(port).get("/tasks").text()).contains("/bin/true, UTF-8, предел 2 секунды");
        assertThat(Api.at(port).get("/tasks/options?type=HTTP_EXCHANGE").text())
                .contains("Файл заголовков (строки «Имя: значение»)", "Папка для ответов (пусто — не сохранять)");
        assertThat(Api.at(port).get("/tasks/options?type=HTTP_EXCHANGE&lang=en").text())
                .contains("Headers file (&quot;Name: value&quot; lines)", "Folder for answers (empty: not saved)");
    }

    // ---- HTTP-обмен ----

    @Test
    void httpExchangeRetriesAfter500AndSavesTheAnswerUnderTheRunsTime() throws Exception {
        Path headers = Files.writeString(dir.resolve("headers.txt"), "# токен реестра\nX-Token: abc123\n");
        Path answers = Files.createDirectories(dir.resolve("answers"));
        long task = create("HTTP_EXCHANGE", Map.of("url", counterpart("/flaky?day=${date}"), "method", "POST",
                "headers-file", headers.toString(), "body", "{\"c\":\"${datetime}\"}", "answer-folder", answers.toString()));
        WorkSnapshot run = runTask(task);
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("Попытка 1 из 3: ответ 500: временная ошибка", "Ответ 200 на попытке 2");
        assertThat(received).hasSize(2).allSatisfy(r -> assertThat(r)
                .matches("POST /flaky\\?day=\\d{4}-\\d{2}-\\d{2} token=abc123 type=application/json; charset=UTF-8"
                        + " body=\\{\"c\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\"}"));
        List<Path> saved;
        try (Stream<Path> s = Files.list(answers)) {
            saved = s.toList();
        }
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).getFileName().toString()).matches("HTTP_EXCHANGE \\d+-\\d{8}-\\d{6}\\.json");
        assertThat(Files.readString(saved.get(0))).startsWith("{\"принято\":{\"c\":\"");
    }

    @Test
    void counterpartThatNeverAnswersFailsAfterTheTimeoutOfEachTry() {
        long task = create("HTTP_EXCHANGE", Map.of("url", counterpart("/never"), "timeout", "1", "attempts", "2"));
        WorkSnapshot run = runTask(task);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run.id())).contains("Попытка 1 из 2: нет ответа за 1 с", "Попытка 2 из 2: нет ответа за 1 с",
                "не удался за 2 попытки: нет ответа за 1 с; следующий запуск — по расписанию");
        assertNextRunScheduled(task);
    }

    @Test
    void closedPortFailsWithAClearMessage() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long task = create("HTTP_EXCHANGE", Map.of("url", "http://127.0.0.1:" + closed + "/registry", "attempts", "2"));
        WorkSnapshot run = runTask(task);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run.id())).contains("Попытка 2 из 2: соединение не установлено (адрес не отвечает или порт закрыт)");
        assertNextRunScheduled(task);
    }

    @Test
    void answerLargerThanTheCapIsRefusedAndNothingIsSaved() throws Exception {
        Path answers = Files.createDirectories(dir.resolve("big"));
        long task = create("HTTP_EXCHANGE", Map.of("url", counterpart("/big"), "attempts", "1", "answer-folder", answers.toString()));
        WorkSnapshot run = runTask(task);
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run.id())).contains("ответ больше 64,0 КБ (ksamu.exchange.max-answer-size) и не принят");
        try (Stream<Path> s = Files.list(answers)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void stopEndsAWaitingRequestAtOnce() {
        long task = create("HTTP_EXCHANGE", Map.of("url", counterpart("/never"), "timeout", "600", "attempts", "1"));
        long runId = start(task);
        await().atMost(Duration.ofSeconds(30)).until(() -> threads.get(runId).map(s -> s.step().startsWith("Запрос 1 из 1")).orElse(false));
        Api.Reply stop = Api.at(port).post("/api/v1/threads/" + runId + "/stop", null, TestAdmin.PASSWORD);
        assertThat(stop.status()).as(stop.text()).isLessThan(300);
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.get(runId).map(s -> s.state().finished()).orElse(false));
        assertThat(threads.get(runId).orElseThrow().state()).isEqualTo(WorkState.STOPPED);
        assertNextRunScheduled(task);
    }

    // ---- helpers ----

    String counterpart(String path) {
        return "http://127.0.0.1:" + counterpart.getAddress().getPort() + path;
    }

    /** A script that starts a child, writes both PIDs and waits for the child (which sleeps for 5 minutes). */
    Path neverEnding() throws Exception {
        return script("endless.sh", """
                sleep 300 &
                echo $! > child.pid
                echo $$ > self.pid
                echo "работаю"
                wait
                """);
    }

    /** The script and its child, once both wrote their PIDs. */
    List<ProcessHandle> awaitTree() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("child.pid"))
                && Files.exists(dir.resolve("self.pid")) && !Files.readString(dir.resolve("self.pid")).isBlank()
                && !Files.readString(dir.resolve("child.pid")).isBlank());
        List<ProcessHandle> tree = Stream.of("self.pid", "child.pid").map(f -> {
            try {
                return ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(f)).strip())).orElseThrow();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
        return tree;
    }

    Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    void assertNextRunScheduled(long task) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Api.at(port).get("/api/v1/tasks/" + task).json().get("nearestStartIso").isNull()).isFalse());
    }

    private static Map<String, Object> form(String type, String name, Map<String, String> options) {
        return TaskForms.dailyFarAhead(type, name, options);
    }

    long create(String type, Map<String, String> options) {
        Api.Reply r = Api.at(port).post("/api/v1/tasks", form(type, type + " " + System.nanoTime(), options), TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long start(long taskId) {
        Api.Reply r = Api.at(port).post("/api/v1/tasks/" + taskId + "/run", null, TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.json().get("runId").asLong();
    }

    WorkSnapshot runTask(long taskId) {
        return awaitRun(start(taskId));
    }

    WorkSnapshot awaitRun(long runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> threads.get(runId).map(s -> s.state().finished()).orElse(false));
        return threads.get(runId).orElseThrow();
    }

    String log(long runId) {
        return Api.at(port).get("/api/v1/logs?run=" + runId + "&size=500").text();
    }
}
