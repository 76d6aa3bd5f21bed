package ru.ksamu.hub;

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
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import ru.ksamu.platform.problems.ApiPaths;
import ru.ksamu.testkit.OpenApiDocument;

/**
 * The committed {@code docs/api/hub-openapi.yaml} is the hub's API: every endpoint under
 * {@code /api/} is in it with its method, every operation in it is served, its problem codes are
 * {@link HubProblem}'s, and the hub serves the same bytes. The database kind does not matter here.
 */
@ContextConfiguration(initializers = HubOnH2.class)
class OpenApiH2IT extends HubContractSupport {

    private static final OpenApiDocument DOC = OpenApiDocument.committed("hub-openapi.yaml");

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
        assertThat(DOC.problemDifferences(List.of(HubProblem.values()))).isEmpty();
    }

    @Test
    void theHubServesTheCommittedDocumentToAnyone() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/hub-openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(DOC.text());
        assertThat(r.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)).contains("yaml");
    }
}
