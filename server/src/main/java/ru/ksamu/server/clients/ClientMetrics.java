package ru.ksamu.server.clients;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Version;

/**
 * {@code ksamu.clients.connected}: clients on the event stream, one gauge per {@code version} that is
 * connected now (a gauge goes when its last client does). A version the client sent that is not a
 * KSAMU version counts as {@code unknown}, so a client cannot make up tag values.
 */
@Component
class ClientMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry meters;
    private final ClientEvents events;
    private final Map<String, Gauge> gauges = new HashMap<>();

    ClientMetrics(MeterRegistry meters, ClientEvents events) {
        this.meters = meters;
        this.events = events;
        events.watch(this::refresh);
    }

    /** Adds a gauge for each version newly connected and removes those of versions no longer connected. */
    synchronized void refresh() {
        Set<String> connected = events.sessions().stream().map(s -> versionTag(s.version())).collect(Collectors.toSet());
        for (String version : connected) {
            gauges.computeIfAbsent(version, v -> Gauge.builder("ksamu.clients.connected", () -> count(v))
                    .description("Clients connected to the event stream, by client version")
                    .tag("version", v)
                    .register(meters));
        }
        List<String> gone = gauges.keySet().stream().filter(v -> !connected.contains(v)).toList();
        for (String version : gone) {
            meters.remove(gauges.remove(version));
        }
    }

    private long count(String version) {
        return events.sessions().stream().filter(s -> versionTag(s.version()).equals(version)).count();
    }

    static String versionTag(String sent) {
        try {
            return Version.parse(sent).toString();
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }
}
