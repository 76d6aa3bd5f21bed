package ru.ksamu.server.clients;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    /** Clients per version tag, recounted at every session that comes or goes; the gauges read it. */
    private volatile Map<String, Long> connected = Map.of();

    ClientMetrics(MeterRegistry meters, ClientEvents events) {
        this.meters = meters;
        this.events = events;
        events.watch(this::refresh);
    }

    /** Recounts, adds a gauge for each version newly connected and removes those of versions gone. */
    synchronized void refresh() {
        // Distinct strings first: after a restart up to 2000 clients reconnect at once, with a few versions.
        Map<String, Long> bySent = events.versions().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> byTag = new HashMap<>();
        bySent.forEach((sent, n) -> byTag.merge(versionTag(sent), n, Long::sum));
        connected = Map.copyOf(byTag);
        for (String version : byTag.keySet()) {
            gauges.computeIfAbsent(version, v -> Gauge.builder("ksamu.clients.connected",
                            () -> connected.getOrDefault(v, 0L))
                    .description("Clients connected to the event stream, by client version")
                    .tag("version", v)
                    .register(meters));
        }
        List<String> gone = gauges.keySet().stream().filter(v -> !byTag.containsKey(v)).toList();
        for (String version : gone) {
            meters.remove(gauges.remove(version));
        }
    }

    static String versionTag(String sent) {
        try {
            return Version.parse(sent).toString();
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }
}
