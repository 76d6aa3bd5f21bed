package ru.ksamu.hub.files;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import ru.ksamu.platform.files.JettySetup;

/**
 * Sets up the hub's Jetty: {@link HubFileDownloads} in front of the whole servlet application, so
 * a plain download passes no filter (Spring Security, Boot's observation filter: measured, the
 * observation alone cost about a tenth of the small-file throughput) and is counted by its own
 * meters instead of {@code http.server.requests}; and the listen backlog,
 * {@code ksamu.accept-queue-size}.
 */
@Configuration(proxyBeanMethods = false)
class FilesWebConfig {

    @Bean
    JettySetup hubJettySetup(BlobStore blobs, MeterRegistry meters,
                             @Value(JettySetup.ACCEPT_QUEUE_SIZE_VALUE) int acceptQueueSize) {
        return new JettySetup(acceptQueueSize, List.of(new HubFileDownloads(blobs, meters)));
    }
}
