package ru.ksamu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.RawHttp;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server lets whom do, probed from outside over real HTTP, with requests spelled the way
 * an attacker spells them (raw sockets: no client normalises the path or hides the Host header).
 * Its own context: the throttle tests lock out the addresses and the user name they use, and the
 * server starts with the article's default password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=ksamu-server", "ksamu.port=0", TestAdmin.SETTING + "=",
        "ksamu.clients.max-streams-per-address=3", "ksamu.allowed-hosts=ksamu.clinic.local"})
class SecurityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ViewPolicy views;
    @Autowired
    Workstations workstations;

    private RawHttp.Reply get(String path, String authorization) {
        return RawHttp.send("127.0.0.1", port, "GET", path,
                authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
    }

    private RawHttp.Reply post(String from, String path, String authorization, String json) {
        Map<String, String> h = new HashMap<>();
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        h.put("Content-Type", "application/json");
        return RawHttp.send(from, port, "POST", path, h, json == null ? "" : json);
    }

    private static JsonNode json(RawHttp.Reply r) {
        return JSON.readTree(r.body());
    }

    @Test
    @Order(1)
    void theDefaultPasswordReadsAndChangesThePasswordButNothingElse() {
        String article = TestAdmin.basic("admin");
        assertThat(get("/api/v1/tasks", article).status()).isEqualTo(200);
        RawHttp.Reply write = post("127.0.0.1", "/api/v1/threads/stop-all", article, null);
        assertThat(write.status()).isEqualTo(403);
        assertThat(json(write).get("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(write.headers().get("content-type")).startsWith("application/problem+json");
        RawHttp.Reply weak = post("127.0.0.1", "/api/v1/account/password", article,
                "{\"current\":\"admin\",\"next\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(json(weak).get("message").asString()).contains("не короче 8");
        assertThat(post("127.0.0.1", "/api/v1/account/password", article,
                "{\"current\":\"admin\",\"next\":\"" + "я".repeat(37) + "\"}").status()).as("over bcrypt's 72 bytes").isEqualTo(400);
        assertThat(post("127.0.0.1", "/api/v1/account/password", article,
                "{\"current\":\"admin\",\"next\":\"" + "x".repeat(5000) + "\"}").status()).as("a body over 4 KiB").isEqualTo(400);
        assertThat(post("127.0.0.1", "/api/v1/account/password", article,
                "{\"current\":\"admin\",\"next\":\"" + TestAdmin.PASSWORD + "\"}").status()).isEqualTo(200);
        assertThat(post("127.0.0.1", "/api/v1/threads/stop-all", article, null).status()).isEqualTo(401);
        assertThat(post("127.0.0.1", "/api/v1/threads/stop-all", TestAdmin.basic(), null).status()).isEqualTo(200);
    }

    /** Every closed tab, every spelling: percent-encoding, {@code //}, {@code ;param}, trailing slash, case, dot segments. */
    @Test
    @Order(2)
    void aClosedTabIsClosedHoweverItsPathIsSpelled() {
        views.change(EnumSet.allOf(ViewPolicy.Area.class));
        try {
            List<String> paths = List.of("/tasks", "/tasks/new", "/threads", "/threads/table", "/maintenance", "/update",
                    "/logs", "/clients", "/settings", "/api/v1/tasks", "/api/v1/tasks/types", "/api/v1/threads",
                    "/api/v1/update", "/api/v1/logs", "/api/v1/logs/stream", "/api/v1/clients", "/api/v1/backups",
                    "/api/v1/clients/workstations");
            List<String> opened = new ArrayList<>();
            int tried = 0;
            for (String path : paths) {
                if (!path.endsWith("/stream")) {
                    assertThat(get(path, TestAdmin.basic()).status()).as("the admin reads %s", path).isIn(200, 302);
                }
                for (String spelled : spellings(path)) {
                    tried++;
                    RawHttp.Reply r = RawHttp.send("127.0.0.1", port, "GET", spelled,
                            path.endsWith("/stream") ? Map.of("Accept", "text/event-stream") : Map.of(), null);
                    if (r.status() == 200 || (r.status() >= 300 && r.status() < 400
                            && !String.valueOf(r.headers().get("location")).contains("/login"))) {
                        opened.add(spelled + " -> " + r.status());
                    }
                }
            }
            assertThat(tried).isGreaterThan(300);
            assertThat(opened).as("spellings that opened a closed tab").isEmpty();
        } finally {
            views.change(EnumSet.noneOf(ViewPolicy.Area.class));
        }
    }

    /** The ways one path can be written so that a naive prefix check misses it. */
    static Set<String> spellings(String path) {
        Set<String> out = new LinkedHashSet<>();
        String[] segments = path.substring(1).split("/");
        for (int s = 0; s < segments.length; s++) {
            String seg = segments[s];
            for (int c = 0; c < seg.length(); c++) {
                out.add(replaceSegment(segments, s, seg.substring(0, c) + pct(seg.charAt(c), false) + seg.substring(c + 1)));
                out.add(replaceSegment(segments, s, seg.substring(0, c) + pct(seg.charAt(c), true) + seg.substring(c + 1)));
            }
            StringBuilder all = new StringBuilder();
            seg.chars().forEach(ch -> all.append(pct((char) ch, false)));
            out.add(replaceSegment(segments, s, all.toString()));
            out.add(replaceSegment(segments, s, seg + ";x=1"));
            out.add(replaceSegment(segments, s, seg + ";jsessionid=0"));
            out.add(replaceSegment(segments, s, seg.toUpperCase()));
            out.add(replaceSegment(segments, s, Character.toUpperCase(seg.charAt(0)) + seg.substring(1)));
        }
        out.add("/" + path);
        out.add(path + "/");
        out.add(path + "//");
        out.add(path.replaceFirst("/", "//"));
        out.add(path.replace("/", "//"));
        out.add("/." + path);
        out.add("/x/.." + path);
        out.add(path.replace("/", "/./"));
        out.add("/" + URLEncoder.encode(path.substring(1), StandardCharsets.UTF_8).replace("%2F", "%2f"));
        out.add(path.replace("/", "%2F"));
        out.add(path + "?x=1");
        out.add(path + "#x");
        out.add(path + "%20");
        out.add(path + "%00");
        out.add(path + ".json");
        return out;
    }

    private static String replaceSegment(String[] segments, int i, String with) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < segments.length; k++) {
            b.append('/').append(k == i ? with : segments[k]);
        }
        return b.toString();
    }

    private static String pct(char c, boolean upper) {
        String hex = String.format("%%%02x", (int) c);
        return upper ? hex.toUpperCase() : hex;
    }

    @Test
    @Order(3)
    void theClinicProgramsApiNeedsARegisteredWorkstationThatTheAdminCanRevoke() {
        RawHttp.Reply none = get("/api/v1/mis/patients", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(json(none).get("code").asString()).isEqualTo("WORKSTATION_NOT_REGISTERED");
        assertThat(get("/api/v1/mis/%70atients", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/mis/patients", "Bearer not-a-token").status()).isEqualTo(401);

        RawHttp.Reply wrong = post("127.0.0.9", "/api/v1/client/register", null,
                "{\"code\":\"AAAA-BBBB-CCCC-DDDD\",\"name\":\"WS-1\",\"user\":\"nurse\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(json(wrong).get("code").asString()).isEqualTo("WRONG_ENROLLMENT_CODE");
        assertThat(post("127.0.0.9", "/api/v1/client/register", null, "{\"code\":\"" + workstations.enrollmentCode()
                + "\",\"name\":\"WS\\n1\",\"user\":\"nurse\"}").status()).as("a control character in the name").isEqualTo(400);
        assertThat(post("127.0.0.9", "/api/v1/client/register", null, "{\"code\":\"x\",\"name\":\"" + "W".repeat(5000) + "\"}")
                .status()).as("a body over 4 KiB").isEqualTo(400);

        String code = get("/api/v1/clients/enrollment-code", TestAdmin.basic()).body();
        assertThat(get("/api/v1/clients/enrollment-code", null).status()).as("the code is the admin's").isEqualTo(401);
        String typed = json(new RawHttp.Reply(200, Map.of(), code)).get("code").asString().toLowerCase().replace("-", " ");
        RawHttp.Reply reg = post("127.0.0.9", "/api/v1/client/register", null,
                "{\"code\":\"" + typed + "\",\"name\":\"РЕГИСТРАТУРА-1\",\"user\":\"nurse\"}");
        assertThat(reg.status()).isEqualTo(201);
        String token = json(reg).get("token").asString();
        String id = json(reg).get("workstationId").asString();

        RawHttp.Reply patients = get("/api/v1/mis/patients", "Bearer " + token);
        assertThat(patients.status()).as("past the credential check (no version installed yet)").isIn(200, 404);
        assertThat(json(get("/api/v1/client/workstation", "Bearer " + token)).get("name").asString()).isEqualTo("РЕГИСТРАТУРА-1");
        assertThat(get("/api/v1/clients/workstations", null).body()).contains("РЕГИСТРАТУРА-1").doesNotContain(token);

        assertThat(post("127.0.0.1", "/api/v1/clients/workstations/" + id + "/revoke", null, null).status()).isEqualTo(401);
        assertThat(post("127.0.0.1", "/api/v1/clients/workstations/" + id + "/revoke", TestAdmin.basic(), null).status())
                .isEqualTo(200);
        RawHttp.Reply revoked = get("/api/v1/mis/patients", "Bearer " + token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(json(revoked).get("code").asString()).isEqualTo("WORKSTATION_REVOKED");
    }

    @Test
    @Order(4)
    void wrongEnrollmentCodesAreThrottledPerAddress() {
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            RawHttp.Reply r = post("127.0.0.10", "/api/v1/client/register", null,
                    "{\"code\":\"WRONG-" + i + "\",\"name\":\"WS\",\"user\":\"u\"}");
            if (r.status() == 429) {
                refused++;
                assertThat(r.headers()).containsKey("retry-after");
            }
        }
        assertThat(refused).isEqualTo(3);
        assertThat(post("127.0.0.10", "/api/v1/client/register", null, "{\"code\":\"" + workstations.enrollmentCode()
                + "\",\"name\":\"WS\",\"user\":\"u\"}").status()).as("even the right code waits").isEqualTo(429);
    }

    @Test
    @Order(5)
    void onlyThisServersHostNamesAreAnswered() {
        RawHttp.Reply evil = RawHttp.send("127.0.0.1", port, "GET", "/api/v1/clients/workstations",
                Map.of("Host", "evil.example:" + port), null);
        assertThat(evil.status()).isEqualTo(400);
        assertThat(json(evil).get("code").asString()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(evil.body()).doesNotContain("РЕГИСТРАТУРА");
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port,
                "ksamu.clinic.local:" + port)) {
            assertThat(RawHttp.send("127.0.0.1", port, "GET", "/actuator/health", Map.of("Host", host), null).status())
                    .as(host).isEqualTo(200);
        }
    }

    @Test
    @Order(6)
    void consolePagesForbidInlineScriptAndTheSessionCookieIsHttpOnlyAndLax() {
        RawHttp.Reply login = get("/login", null);
        assertThat(login.headers().get("content-security-policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(login.headers().get("set-cookie")).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        for (String page : List.of("/", "/tasks", "/maintenance", "/clients", "/settings", "/logs")) {
            RawHttp.Reply r = get(page, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContainPattern("<script>|<script(?![^>]*\\ssrc=)[^>]*>|<style|\\son[a-z]+=|style=\"");
        }
    }

    @Test
    @Order(7)
    void anonymousViewersSeeNoDatabaseAddressesNoInstallationIdAndNoHealthDetails() {
        String home = get("/", null).body();
        assertThat(home).doesNotContain("jdbc:").doesNotContain("installation-id");
        RawHttp.Reply health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
        assertThat(json(health).has("components")).isFalse();
        assertThat(json(get("/actuator/health", TestAdmin.basic())).has("components")).isTrue();
        assertThat(get("/actuator/prometheus", null).status()).as("from loopback").isEqualTo(200);
        assertThat(SecurityConfig.isLoopback("10.1.2.3")).isFalse();
        assertThat(SecurityConfig.isLoopback("127.0.0.1")).isTrue();
        assertThat(SecurityConfig.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(SecurityConfig.isLoopback("localhost")).as("a name is never looked up").isFalse();
    }

    @Test
    @Order(8)
    void oneAddressCannotTakeEveryEventStreamAndIsRefusedWith503NotAStackTrace(CapturedOutput output) throws Exception {
        List<RawHttp.Open> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttp.Open s = RawHttp.open("127.0.0.20", port, "/api/v1/client/events?user=u" + i,
                        Map.of("Accept", "text/event-stream"));
                open.add(s);
                assertThat(s.head().status()).isEqualTo(200);
            }
            int before = output.getAll().length();
            for (int i = 0; i < 5; i++) {
                RawHttp.Reply r = RawHttp.send("127.0.0.20", port, "GET", "/api/v1/client/events",
                        Map.of("Accept", "text/event-stream"), null);
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.headers().get("retry-after")).isEqualTo("60");
                assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
                assertThat(json(r).get("code").asString()).isEqualTo("UNAVAILABLE");
                assertThat(json(r).get("message").asString()).contains("127.0.0.20");
                assertThat(json(r).get("messageEn").asString()).contains("127.0.0.20");
            }
            RawHttp.Open other = RawHttp.open("127.0.0.21", port, "/api/v1/client/events", Map.of("Accept", "text/event-stream"));
            open.add(other);
            assertThat(other.head().status()).as("another address still gets in").isEqualTo(200);
            String logged = output.getAll().substring(before);
            assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception");
        } finally {
            for (RawHttp.Open s : open) {
                s.close();
            }
        }
    }

    @Test
    @Order(9)
    void anonymousViewersCannotLockTheAdminOutOfTheLiveLog() throws Exception {
        List<RawHttp.Open> open = new ArrayList<>();
        try {
            int refusedPerAddress = 0;
            for (int a = 30; a < 37; a++) {
                for (int i = 0; i < 5; i++) {
                    RawHttp.Open s = RawHttp.open("127.0.0." + a, port, "/api/v1/logs/stream", Map.of("Accept", "text/event-stream"));
                    open.add(s);
                    refusedPerAddress += s.head().status() == 503 && a == 30 ? 1 : 0;
                }
            }
            assertThat(refusedPerAddress).as("the fifth stream of one address").isEqualTo(1);
            long served = open.stream().filter(s -> s.head().status() == 200).count();
            assertThat(served).as("anonymous streams stop short of the places kept for the admin")
                    .isEqualTo(32 - 8); // RunLogStreams: 32 places, 8 of them kept for the admin
            RawHttp.Open admin = RawHttp.open("127.0.0.30", port, "/api/v1/logs/stream",
                    Map.of("Accept", "text/event-stream", "Authorization", TestAdmin.basic()));
            open.add(admin);
            assertThat(admin.head().status()).isEqualTo(200);
        } finally {
            for (RawHttp.Open s : open) {
                s.close();
            }
        }
    }

    /** Last: these lock out the user name "admin" for this context. */
    @Test
    @Order(20)
    void aParallelBurstOfWrongPasswordsReachesBcryptAtMostFiveTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            // a distinct address: the other tests' 127.0.0.1 keeps its count
            Callable<Integer> fromElsewhere = () -> RawHttp.send("127.0.0.40", port, "GET", "/api/v1/clients/enrollment-code",
                    Map.of("Authorization", TestAdmin.basic("wrong-password")), null).status();
            List<Future<Integer>> replies = pool.invokeAll(Collections.nCopies(60, fromElsewhere));
            int checked = 0;
            int throttled = 0;
            for (Future<Integer> f : replies) {
                int s = f.get();
                assertThat(s).isIn(401, 429);
                checked += s == 401 ? 1 : 0;
                throttled += s == 429 ? 1 : 0;
            }
            assertThat(checked).as("attempts that reached the password check").isEqualTo(LoginThrottle.MAX_PER_ADDRESS);
            assertThat(throttled).isEqualTo(60 - LoginThrottle.MAX_PER_ADDRESS);
            RawHttp.Reply right = RawHttp.send("127.0.0.40", port, "GET", "/api/v1/clients/enrollment-code",
                    Map.of("Authorization", TestAdmin.basic()), null);
            assertThat(right.status()).as("even the right password waits").isEqualTo(429);
            assertThat(Long.parseLong(right.headers().get("retry-after"))).isBetween(1L, 300L);
            assertThat(json(right).get("message").asString()).contains("повторите через");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(21)
    void aParallelBurstOnTheConsoleFormIsThrottledBeforeThePasswordIsChecked() throws Exception {
        String from = "127.0.0.41";
        List<Callable<RawHttp.Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(formLogin(from, "wrong-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        int locked = 0;
        int checked = 0;
        try {
            for (Future<RawHttp.Reply> f : pool.invokeAll(posts)) {
                String location = String.valueOf(f.get().headers().get("location"));
                locked += location.contains("/login?locked=") ? 1 : 0;
                checked += location.contains("/login?error") ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(checked).as("sign-ins that reached the password check").isEqualTo(LoginThrottle.MAX_PER_ADDRESS);
        assertThat(locked).isEqualTo(20 - LoginThrottle.MAX_PER_ADDRESS);
        String location = formLogin(from, TestAdmin.PASSWORD).call().headers().get("location");
        assertThat(location).as("the right password after the lock").contains("/login?locked=");
        Matcher m = Pattern.compile("locked=(\\d+)").matcher(location);
        assertThat(m.find()).isTrue();
        String page = RawHttp.send(from, port, "GET", "/login?locked=" + m.group(1), Map.of(), null).body();
        assertThat(page).contains("Повторите через").contains(" мин ");
    }

    @Test
    @Order(22)
    void manyAddressesTryingOneUserNameAreStoppedToo() {
        int checked = 0;
        for (int a = 50; a < 60; a++) {
            for (int i = 0; i < 3; i++) {
                int s = RawHttp.send("127.0.0." + a, port, "GET", "/api/v1/clients/enrollment-code",
                        Map.of("Authorization", TestAdmin.basic("guess-" + i)), null).status();
                checked += s == 401 ? 1 : 0;
            }
        }
        // .40 and .41 already spent 5 + 5 checked attempts on the name "admin"; refused ones gave theirs back
        assertThat(checked).isEqualTo(LoginThrottle.MAX_PER_USER - 10);
        RawHttp.Reply fresh = RawHttp.send("127.0.0.99", port, "GET", "/api/v1/clients/enrollment-code",
                Map.of("Authorization", TestAdmin.basic()), null);
        assertThat(fresh.status()).as("a new address with the right password, while the name is under attack").isEqualTo(429);
    }

    /** A form sign-in with its own session and CSRF token (fetched now), to post later; its Location says how it went. */
    private Callable<RawHttp.Reply> formLogin(String from, String password) {
        RawHttp.Reply page = RawHttp.send(from, port, "GET", "/login", Map.of(), null);
        String cookie = page.headers().get("set-cookie").split(";")[0];
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String token = csrf.group(1);
        return () -> RawHttp.send(from, port, "POST", "/login", Map.of("Cookie", cookie,
                        "Content-Type", "application/x-www-form-urlencoded"),
                "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token);
    }
}
