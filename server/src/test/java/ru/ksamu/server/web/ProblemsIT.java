package ru.ksamu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.RawHttp;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal of the API is {@code application/problem+json} with its catalogue code, whichever
 * part made it (Spring Security, Spring MVC, a controller), over real HTTP on loopback; a console
 * page's refusal stays HTML. (401 for workstations, 403 before the password change, 429 and 503
 * with {@code Retry-After}: SecurityIT.)
 */
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
class ProblemsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private RawHttp.Reply send(String method, String path, Map<String, String> headers, String body) {
        return RawHttp.send("127.0.0.1", port, method, path, headers, body);
    }

    private static Map<String, String> admin(String... more) {
        Map<String, String> h = new HashMap<>(Map.of("Authorization", TestAdmin.basic()));
        for (int i = 0; i < more.length; i += 2) {
            h.put(more[i], more[i + 1]);
        }
        return h;
    }

    /** Asserts the problem's members and returns its body. */
    private static JsonNode problem(RawHttp.Reply r, int status, String code, String path) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode b = JSON.readTree(r.body());
        assertThat(b.get("type").asString()).isEqualTo("urn:ksamu:problem:" + code);
        assertThat(b.get("title").asString()).isEqualTo(ServerProblem.valueOf(code).titleRu());
        assertThat(b.get("status").asInt()).isEqualTo(status);
        assertThat(b.get("code").asString()).isEqualTo(code);
        assertThat(b.get("detail").asString()).isNotBlank().isEqualTo(b.get("message").asString());
        assertThat(b.get("messageEn").asString()).isNotBlank();
        assertThat(b.get("instance").asString()).isEqualTo(path);
        return b;
    }

    @Test
    void aWriteWithoutThePasswordIs401Unauthorized() {
        RawHttp.Reply r = send("POST", "/api/v1/threads/stop-all", Map.of(), "");
        problem(r, 401, "UNAUTHORIZED", "/api/v1/threads/stop-all");
        assertThat(r.headers().get("www-authenticate")).startsWith("Basic");
    }

    @Test
    void theAdminAskingForTheWorkstationsOwnPathIs403Forbidden() {
        problem(send("GET", "/api/v1/client/workstation", admin(), null), 403, "FORBIDDEN", "/api/v1/client/workstation");
    }

    @Test
    void anUnknownApiPathIs404NotFound() {
        JsonNode b = problem(send("GET", "/api/v1/no-such-thing", Map.of("Accept", "text/html"), null), 404, "NOT_FOUND",
                "/api/v1/no-such-thing");
        assertThat(b.get("messageEn").asString()).contains("/api/v1/no-such-thing");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        RawHttp.Reply r = send("PUT", "/api/v1/threads", admin("Content-Type", "application/json"), "{}");
        problem(r, 405, "METHOD_NOT_ALLOWED", "/api/v1/threads");
        assertThat(r.headers().get("allow")).contains("GET");
    }

    @Test
    void aWrongContentTypeIs415() {
        problem(send("POST", "/api/v1/tasks", admin("Content-Type", "text/plain"), "name=x"), 415,
                "UNSUPPORTED_MEDIA_TYPE", "/api/v1/tasks");
    }

    @Test
    void aBadTaskIs400ValidationWithItsFields() {
        JsonNode b = problem(send("POST", "/api/v1/tasks", admin("Content-Type", "application/json"), "{\"name\":\"\"}"),
                400, "VALIDATION", "/api/v1/tasks");
        assertThat(b.get("errors").isArray()).isTrue();
        assertThat(b.get("errors").get(0).get("field").asString()).isNotBlank();
        assertThat(b.get("errors").get(0).get("messageEn").asString()).isNotBlank();
    }

    @Test
    void aMistypedParameterIs400BadParameter() {
        JsonNode b = problem(send("POST", "/api/v1/threads/abc/stop", admin(), ""), 400, "BAD_PARAMETER",
                "/api/v1/threads/abc/stop");
        assertThat(b.get("parameter").asString()).isEqualTo("id");
    }

    @Test
    void cancellingWithoutACountdownIs409NotCancellable() {
        JsonNode b = problem(send("POST", "/api/v1/update/cancel", admin(), ""), 409, "NOT_CANCELLABLE",
                "/api/v1/update/cancel");
        assertThat(b.get("cancelled").asBoolean()).isFalse();
    }

    @Test
    void anUnknownTaskIs404NotFound() {
        problem(send("GET", "/api/v1/tasks/987654", Map.of(), null), 404, "NOT_FOUND", "/api/v1/tasks/987654");
    }

    @Test
    void aPathTheFirewallRejectsIsAProblemThroughTheErrorPage() {
        // Spring Security's firewall refuses a semicolon before any handler: the container's
        // error dispatch to /error answers it, for an API path, as a problem too.
        for (String accept : new String[] {"application/json", "text/html"}) {
            RawHttp.Reply r = send("GET", "/api/v1/tasks;x=1", Map.of("Accept", accept), null);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().get("content-type")).as(accept).startsWith("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("code").asString()).isEqualTo("BAD_REQUEST");
            assertThat(JSON.readTree(r.body()).get("instance").asString()).isEqualTo("/api/v1/tasks;x=1");
        }
    }

    @Test
    void aPathJettyRefusesItselfIsAProblemToo() {
        // An encoded slash is ambiguous: Jetty refuses it before the servlet application.
        RawHttp.Reply r = send("GET", "/api/v1/tasks%2F1", Map.of(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(JSON.readTree(r.body()).get("messageEn").asString()).startsWith("request refused by the web server");
    }

    @Test
    void aConsolePageThatIsNotThereIsStillAnHtmlPage() {
        RawHttp.Reply r = send("GET", "/no-such-page", Map.of("Accept", "text/html"), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().get("content-type")).startsWith("text/html");
    }
}
