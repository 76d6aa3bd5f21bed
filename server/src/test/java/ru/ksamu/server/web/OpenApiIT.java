package ru.ksamu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import ru.ksamu.platform.problems.ApiPaths;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.testkit.OpenApiDocument;

/**
 * The committed {@code docs/api/server-openapi.yaml} is the server's API: every endpoint under
 * {@code /api/} is in it with its method, every operation in it is served, its problem codes are
 * {@link ServerProblem}'s, and the server serves the same bytes.
 */
@ContextConfiguration(initializers = ServerOnH2.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
class OpenApiIT {

    private static final OpenApiDocument DOC = OpenApiDocument.committed("server-openapi.yaml");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsDocumentedAndEveryDocumentedOneIsServed() {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith(ApiPaths.PREFIX)) {
                    assertThat(info.getMethodsCondition().getMethods()).as(path + " names its methods").isNotEmpty();
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                }
            }
        }
        assertThat(DOC.operations()).isEqualTo(served);
    }

    @Test
    void theDocumentedProblemCodesAreTheCatalogue() {
        assertThat(DOC.problemDifferences(List.of(ServerProblem.values()))).isEmpty();
    }

    @Test
    void theServerServesTheCommittedDocumentToAnyone() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/server-openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(DOC.text());
        assertThat(r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)).contains("yaml");
    }
}
