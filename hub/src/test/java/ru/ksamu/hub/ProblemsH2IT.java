package ru.ksamu.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every refusal of the hub's API is {@code application/problem+json} with a code of
 * {@link HubProblem}, whichever part made it (Spring Security, Spring MVC, a controller), over real
 * HTTP on loopback. The database kind does not matter here, so H2 only.
 */
@ContextConfiguration(initializers = HubOnH2.class)
class ProblemsH2IT extends HubContractSupport {

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(hub().base() + path));
    }

    @Test
    void aChangeWithoutATokenIs401HubUnauthorized() {
        HubHttp.Reply r = hub().post("/api/v1/releases/1.0.0.1/withdraw", null);
        assertProblem(r, 401, "HUB_UNAUTHORIZED");
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
        assertThat(r.json().path("instance").asString()).isEqualTo("/api/v1/releases/1.0.0.1/withdraw");
    }

    @Test
    void anUnknownApiPathIs404NotFound() {
        assertProblem(hub().get("/api/v1/no-such-thing"), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownReleaseIs404ReleaseNotFound() {
        assertProblem(hub().get("/api/v1/releases/9.9.9.9"), 404, "RELEASE_NOT_FOUND");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        HubHttp.Reply r = hub().send(request("/api/v1/keys/hub").header("Authorization", "Bearer " + TestHub.TOKEN)
                .DELETE().build());
        assertProblem(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void aPathJettyRefusesItselfIsAProblemToo() {
        // An encoded slash is ambiguous: Jetty refuses it before the servlet application.
        assertProblem(hub().get("/api/v1/releases/1.0.0.1%2Fx"), 400, "BAD_REQUEST");
    }

    @Test
    void anAnswerOfAnUnofferedKindIs406() {
        assertProblem(hub().get("/api/v1/releases", "Accept", "image/png"), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aMissingParameterIs400InvalidArgumentNamingIt() {
        HubHttp.Reply r = hub().post("/api/v1/releases/check", TestHub.TOKEN);
        assertProblem(r, 400, "INVALID_ARGUMENT");
        assertThat(r.json().path("parameter").asString()).isEqualTo("channel");
    }
}
