package ru.ksamu.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
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
 * of the installed version as its child) against a stand-in server speaking the workstation
 * contract: registration with the enrollment code, the token check, the MIS API that needs the
 * token; and a manifest that stalls. The stand-in has no client to offer (404 NOT_INSTALLED), so
 * the version installed here starts each time. The installed "version" is a jar that runs
 * {@link MisMain} from this build's classes.
 */
class LauncherStandInTest {

    static final String CODE = "4821-7730";
    static final String TOKEN = "wst-6f1c0d9e2b7a4c35-9e8d7c6b5a493827-31f0";
    static final String NEW_TOKEN = "wst-0a9b8c7d6e5f4a3b-2c1d0e9f8a7b6c5d-77aa";

    @TempDir
    Path dir;
    Path data;
    StandInServer standIn;
    final Set<String> validTokens = new CopyOnWriteArraySet<>();
    volatile boolean tokenCheckFails;
    LauncherProcess launcher;

    @BeforeEach
    void workstation() throws Exception {
        data = dir.resolve("workstation");
        Files.createDirectories(data.resolve("versions/1.0.0.1"));
        programJar(data.resolve("versions/1.0.0.1/ksamu-mis.jar"));
        Files.writeString(data.resolve("current"), "1.0.0.1\n");
        SigningKeyPair.generate().writeTo(dir.resolve("keys"), "release");
        Files.copy(dir.resolve("keys/release.pub"), data.resolve("release.pub"));
        standIn = new StandInServer()
                .route("/api/v1/client/manifest", (x, r) -> StandInServer.json(x, 404, "{\"code\":\"NOT_INSTALLED\"}"))
                .route("/api/v1/client/events", (x, r) -> {
                    x.getResponseHeaders().add("Content-Type", "text/event-stream");
                    standIn.stall(x, "event:hello\ndata:{\"session\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                })
                .route("/api/v1/client/workstation", (x, r) -> {
                    if (tokenCheckFails) {
                        StandInServer.json(x, 500, "{\"code\":\"INTERNAL\"}");
                    } else if (validTokens.contains(String.valueOf(r.authorization()))) {
                        StandInServer.json(x, 200, "{\"workstationId\":\"7d0e\",\"name\":\"ws-1\"}");
                    } else {
                        StandInServer.json(x, 401, "{\"code\":\"WORKSTATION_REVOKED\",\"message\":\"Доступ отозван\"}");
                    }
                })
                .route("/api/v1/mis/patients", (x, r) -> {
                    if (validTokens.contains(String.valueOf(r.authorization()))) {
                        StandInServer.json(x, 200, "{\"columns\":[\"id\",\"full_name\"],\"rows\":[[1,\"Иванов Иван\"]]}");
                    } else {
                        StandInServer.json(x, 401, "{\"code\":\"WORKSTATION_NOT_REGISTERED\",\"message\":\"Нет ключа\"}");
                    }
                });
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.close();
        }
        standIn.close();
    }

    /** A register route that gives {@code token} for the right code, 403 for another. */
    void registerGives(String token) {
        standIn.route("/api/v1/client/register", (x, r) -> {
            if (r.body().contains("\"code\":\"" + CODE + "\"")) {
                validTokens.add("Bearer " + token);
                StandInServer.json(x, 201, "{\"workstationId\":\"7d0e\",\"name\":\"ws-1\",\"token\":\"" + token + "\"}");
            } else {
                StandInServer.json(x, 403, "{\"code\":\"WRONG_ENROLLMENT_CODE\",\"message\":\"Неверный код подключения\"}");
            }
        });
    }

    LauncherProcess start(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = command(standIn.url());
        cmd.addAll(List.of(args));
        launcher = new LauncherProcess("launcher", cmd, env);
        return launcher;
    }

    void quit(LauncherProcess l) throws Exception {
        l.send("quit");
        assertThat(l.exit()).isZero();
        assertThat(l.output()).as("the token is never printed").doesNotContain(TOKEN).doesNotContain(NEW_TOKEN);
    }

    @Test
    void registeringWithACodeStoresAnOwnerOnlyTokenAndThePatientRequestCarriesIt() throws Exception {
        registerGives(TOKEN);
        LauncherProcess l = start(Map.of(), "--enroll-code", CODE);
        l.awaitLine("MIS ready 1.0.0.1");
        l.awaitLine("MIS patients 1 columns=id,full_name");
        assertThat(l.output()).contains("Рабочее место «ws-1» подключено к серверу по коду подключения");
        Path file = data.resolve("workstation.token");
        assertThat(Files.readString(file).strip()).isEqualTo(TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(standIn.requests("/api/v1/client/register")).singleElement().satisfies(r -> assertThat(r.body())
                .isEqualTo("{\"code\":\"" + CODE + "\",\"name\":\"" + Enrollment.workstationName(
                        java.net.InetAddress.getLocalHost().getHostName()) + "\",\"user\":\"nurse\"}"));
        assertThat(standIn.requests("/api/v1/mis/patients")).extracting(StandInServer.Request::authorization)
                .containsOnly("Bearer " + TOKEN);
        assertThat(standIn.requests("/api/v1/client/events")).extracting(StandInServer.Request::authorization)
                .contains("Bearer " + TOKEN);
        quit(l);

        // The next start keeps the token: the server knows it, nothing registers again.
        LauncherProcess again = start(Map.of());
        again.awaitLine("MIS patients 1 columns=id,full_name");
        assertThat(again.output()).contains("Рабочее место «ws-1» подключено к серверу");
        assertThat(standIn.requests("/api/v1/client/register")).hasSize(1);
        quit(again);
    }

    @Test
    void aRevokedTokenWithACodeFromTheEnvironmentRegistersAgain() throws Exception {
        Files.writeString(data.resolve("workstation.token"), TOKEN + "\n"); // the server does not take it
        registerGives(NEW_TOKEN);
        LauncherProcess l = start(Map.of("KSAMU_ENROLL_CODE", CODE));
        l.awaitLine("MIS patients 1 columns=id,full_name");
        assertThat(l.output()).contains("Доступ этого рабочего места к серверу отозван администратором")
                .contains("подключено к серверу по коду подключения");
        assertThat(standIn.requests("/api/v1/client/workstation")).extracting(StandInServer.Request::authorization)
                .containsExactly("Bearer " + TOKEN);
        assertThat(standIn.requests("/api/v1/mis/patients")).extracting(StandInServer.Request::authorization)
                .containsOnly("Bearer " + NEW_TOKEN);
        assertThat(Files.readString(data.resolve("workstation.token")).strip()).isEqualTo(NEW_TOKEN);
        quit(l);
    }

    @Test
    void withNoCodeAndNoTokenTheProgramStartsAndSaysWhatToDoOnThe401() throws Exception {
        registerGives(TOKEN);
        LauncherProcess l = start(Map.of());
        l.awaitLine("MIS ready 1.0.0.1");
        assertThat(l.awaitLine("MIS patients ")).isEqualTo("MIS patients Рабочее место не подключено к серверу КСАМУ или его"
                + " доступ отозван: список пациентов недоступен. Запустите клиент с кодом подключения (--enroll-code КОД),"
                + " который администратор видит на вкладке «Клиенты» консоли сервера");
        assertThat(l.output()).contains("Рабочее место не подключено к серверу: код подключения не задан");
        assertThat(standIn.requests("/api/v1/client/register")).isEmpty();
        assertThat(data.resolve("workstation.token")).doesNotExist();
        quit(l);
    }

    @Test
    void aWrongCodeIsShownAndTheProgramStillStarts() throws Exception {
        registerGives(TOKEN);
        LauncherProcess l = start(Map.of(), "--enroll-code", "1111-0000");
        l.awaitLine("MIS ready 1.0.0.1");
        String refused = "Код подключения не принят сервером (Неверный код подключения). Проверьте код на вкладке «Клиенты»"
                + " консоли сервера и запустите клиент с --enroll-code КОД. Программа запускается без подключения";
        assertThat(l.output()).contains("ksamu-client: " + refused);
        assertThat(l.awaitLine("MIS notice")).contains(refused);
        l.awaitLine("MIS patients Рабочее место не подключено к серверу КСАМУ");
        assertThat(data.resolve("workstation.token")).doesNotExist();
        quit(l);
    }

    @Test
    void aThrottledRegistrationSaysWhenToTryAgainAndTheProgramStillStarts() throws Exception {
        standIn.route("/api/v1/client/register", (x, r) -> StandInServer.json(x, 429,
                "{\"code\":\"THROTTLED\",\"message\":\"Слишком много попыток\"}", "Retry-After", "120"));
        LauncherProcess l = start(Map.of(), "--enroll-code", CODE, "--lang", "en");
        l.awaitLine("MIS ready 1.0.0.1");
        assertThat(l.output()).contains("Too many wrong enrollment codes from this computer: the server takes a new attempt"
                + " in 120 s. Starting without a connection");
        l.awaitLine("MIS patients This workstation is not connected to the KSAMU server or its access was revoked");
        quit(l);
    }

    @Test
    void aTokenThatCannotBeCheckedIsKeptAndStillSent() throws Exception {
        Files.writeString(data.resolve("workstation.token"), TOKEN + "\n");
        validTokens.add("Bearer " + TOKEN);
        tokenCheckFails = true;
        registerGives(NEW_TOKEN);
        LauncherProcess l = start(Map.of(), "--enroll-code", CODE);
        l.awaitLine("MIS patients 1 columns=id,full_name");
        assertThat(l.output()).contains("Подключение рабочего места не проверено (HTTP 500): используется сохранённый ключ");
        assertThat(standIn.requests("/api/v1/client/register")).isEmpty();
        assertThat(Files.readString(data.resolve("workstation.token")).strip()).isEqualTo(TOKEN);
        quit(l);
    }

    @Test
    void theWorkstationNameIsTheHostNameAsTheServerTakesIt() {
        assertThat(Enrollment.workstationName("reg-desk-2\n")).isEqualTo("reg-desk-2");
        assertThat(Enrollment.workstationName("")).isEqualTo("workstation");
        assertThat(Enrollment.workstationName("я".repeat(150))).isEqualTo("я".repeat(100));
    }

    @Test
    void aManifestThatStallsStartsTheInstalledVersionWithTheReason() throws Exception {
        try (StandInServer stalling = new StandInServer()) {
            stalling.route("/api/v1/client/manifest", (x, r) -> stalling.stall(x, "{\"version\":".getBytes(StandardCharsets.UTF_8)));
            LauncherProcess l = new LauncherProcess("launcher", command(stalling.url()), Map.of());
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
        return command(server, data);
    }

    /** The same with the workstation's folder {@code data}. */
    static List<String> command(String server, Path data) {
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
