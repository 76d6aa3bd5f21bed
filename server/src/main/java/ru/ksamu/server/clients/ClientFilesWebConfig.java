package ru.ksamu.server.clients;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import ru.ksamu.platform.files.FileDownloads;
import ru.ksamu.platform.files.JettySetup;
import ru.ksamu.server.maintenance.Maintenance;

/**
 * The fast path of {@code GET /api/v1/client/files/{sha256}}: a plain GET or HEAD of a file of the
 * current or previous client version is answered by {@link FileDownloads}, a Jetty handler in front
 * of the whole servlet application (before Spring Security, whose API reads are open anyway, and
 * Boot's observation filter). {@link ClientDistribution#listedFile} decides, from memory. Ranges,
 * conditional requests, refusals and other methods go on to {@link ClientApiController}. Counted by
 * {@code ksamu.server.client.files.sent} and {@code ksamu.server.client.files.sent.bytes} instead of
 * {@code http.server.requests}. Also sets the listen backlog, {@code ksamu.accept-queue-size}: after
 * a restart every client's event stream reconnects at once (up to 2000, see {@link ClientEvents}).
 */
@Configuration(proxyBeanMethods = false)
class ClientFilesWebConfig {

    static final String PREFIX = "/api/v1/client/files/";

    /** As {@link ClientApiController} answers (a test compares the two paths). */
    private static final String CACHE_CONTROL =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable().getHeaderValue();

    @Bean
    JettySetup serverJettySetup(ClientDistribution distribution, MeterRegistry meters,
                                @Value(JettySetup.ACCEPT_QUEUE_SIZE_VALUE) int acceptQueueSize) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", CACHE_CONTROL);
        headers.putAll(FileDownloads.SPRING_SECURITY_HEADERS);
        Counter sent = Counter.builder("ksamu.server.client.files.sent")
                .description("Whole client files answered by the fast path (GET and HEAD)").register(meters);
        Counter sentBytes = Counter.builder("ksamu.server.client.files.sent.bytes").baseUnit("bytes")
                .description("Bytes of client files sent by the fast path").register(meters);
        FileDownloads downloads = new FileDownloads(PREFIX, distribution::listedFile, headers, bytes -> {
            sent.increment();
            sentBytes.increment(bytes);
        });
        return new JettySetup(acceptQueueSize, List.of(downloads));
    }

    /**
     * Launchers ask for the manifest at every start with the version they have; while it is still
     * current the answer is a 304 from memory, first of all filters. Anything else (a new
     * version, no version yet, a locked base, another method) goes on to {@link ClientApiController}.
     */
    @Bean
    FilterRegistrationBean<Filter> clientManifestNotModified(ClientDistribution distribution,
                                                                              Maintenance maintenance) {
        String noCache = CacheControl.noCache().getHeaderValue();
        Filter filter = (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            String asked = req.getHeader("If-None-Match");
            if (asked != null && "GET".equals(req.getMethod())
                    && maintenance.state().phase() != Maintenance.Phase.LOCKED) {
                var current = distribution.current();
                if (current.isPresent()) {
                    String tag = "\"" + current.get().version() + "\"";
                    if (asked.equals(tag) || asked.equals("W/" + tag)) {
                        res.setStatus(304);
                        res.setHeader("ETag", tag);
                        res.setHeader("Cache-Control", noCache);
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/client/manifest");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
