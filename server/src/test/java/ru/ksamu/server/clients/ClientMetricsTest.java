package ru.ksamu.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One gauge per client version connected now; a made-up version is "unknown"; a gauge goes with its last client. */
class ClientMetricsTest {

    private final List<ClientEventsTest.Stream> streams = new ArrayList<>();
    private final ClientEvents events = new ClientEvents(Clock.systemUTC(), 200) {
        @Override
        SseEmitter newEmitter() {
            ClientEventsTest.Stream s = new ClientEventsTest.Stream();
            streams.add(s);
            return s;
        }
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Map<String, Double> connected() {
        return meters.find("ksamu.clients.connected").gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("version"), Gauge::value));
    }

    @Test
    void gaugesFollowTheVersionsConnectedNow() {
        new ClientMetrics(meters, events);
        events.open("nurse", "ws-1", "6.0.51.22966", "10.0.0.1", "", List.of());
        events.open("doctor", "ws-2", "6.0.51.22966", "10.0.0.2", "", List.of());
        events.open("guest", "ws-3", "<script>", "10.0.0.3", "", List.of());
        assertThat(connected()).isEqualTo(Map.of("6.0.51.22966", 2.0, "unknown", 1.0));

        streams.get(2).dead = true;
        events.broadcast("available", Map.of());

        assertThat(connected()).isEqualTo(Map.of("6.0.51.22966", 2.0));
    }
}
