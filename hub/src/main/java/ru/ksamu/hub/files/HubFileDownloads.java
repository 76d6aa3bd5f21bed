package ru.ksamu.hub.files;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.ksamu.platform.files.FileDownloads;

/**
 * The fast path of {@code GET /api/v1/files/{sha256}} ({@link FileDownloads}): a plain,
 * unconditional GET or HEAD of a servable file is answered by a Jetty handler in front of the
 * servlet application, ahead of Spring Security and Spring MVC; everything else goes on to
 * {@link FilesController}, which answers exactly as before (JSON refusals, 304, 206, 416).
 * {@link BlobStore#recordedFile} decides here, {@link BlobStore#servable} in the controller.
 * Counted by the meters {@code ksamu.hub.files.sent} and {@code ksamu.hub.files.sent.bytes}
 * instead of {@code http.server.requests}.
 *
 * <p>Reading the hub is open to everyone (see {@code HubSecurityConfig}), so skipping the security
 * chain here grants nothing; the headers that chain adds to every answer are written here too (a
 * test compares them with the chain's own).
 */
class HubFileDownloads extends FileDownloads {

    static final String PREFIX = "/api/v1/files/";

    HubFileDownloads(BlobStore blobs, MeterRegistry meters) {
        super(PREFIX, blobs::recordedFile, headers(), counting(meters));
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", FilesController.IMMUTABLE.getHeaderValue());
        headers.putAll(SPRING_SECURITY_HEADERS);
        return headers;
    }

    private static Listener counting(MeterRegistry meters) {
        Counter sent = Counter.builder("ksamu.hub.files.sent")
                .description("Whole release files answered by the fast path (GET and HEAD)").register(meters);
        Counter sentBytes = Counter.builder("ksamu.hub.files.sent.bytes").baseUnit("bytes")
                .description("Bytes of release files sent by the fast path").register(meters);
        return bytes -> {
            sent.increment();
            sentBytes.increment(bytes);
        };
    }
}
