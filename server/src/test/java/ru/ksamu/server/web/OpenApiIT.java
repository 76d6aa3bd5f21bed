package ru.ksamu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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
        DOC.assertDocumentsExactly(mappings);
    }

    @Test
    void theDocumentedProblemCodesAreTheCatalogue() {
        assertThat(DOC.problemDifferences(List.of(ServerProblem.values()))).isEmpty();
    }

    @Test
    void theServerServesTheCommittedDocumentToAnyone() throws IOException, InterruptedException {
        DOC.assertServedAt("http://127.0.0.1:" + port + "/api/server-openapi.yaml");
    }
}
