package ru.ksamu.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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
        DOC.assertDocumentsExactly(mappings);
    }

    @Test
    void theDocumentedProblemCodesAreTheCatalogue() {
        assertThat(DOC.problemDifferences(List.of(HubProblem.values()))).isEmpty();
    }

    @Test
    void theHubServesTheCommittedDocumentToAnyone() throws IOException, InterruptedException {
        DOC.assertServedAt("http://127.0.0.1:" + port + "/api/hub-openapi.yaml");
    }
}
