package ru.ksamu.server.update;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;

/**
 * Feed checks ({@code ksamu.feed.checks}, tagged {@code channel} and {@code outcome=ok|failed}) and
 * the age of the last feed accepted since the start ({@code ksamu.feed.age}, seconds since its issue
 * time, per {@code channel}; NaN until a check of that channel succeeds).
 */
@Component
class FeedMetrics {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Channel, Instant> lastIssued = new ConcurrentHashMap<>();

    FeedMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            Gauge.builder("ksamu.feed.age", () -> ageSeconds(channel))
                    .description("Seconds since the issue time of the last accepted feed")
                    .baseUnit("seconds")
                    .tag("channel", channel.wireName())
                    .register(meters);
        }
    }

    double ageSeconds(Channel channel) {
        Instant issued = lastIssued.get(channel);
        return issued == null ? Double.NaN : Duration.between(issued, clock.instant()).toMillis() / 1000.0;
    }

    void accepted(Channel channel, Instant issuedAt) {
        lastIssued.put(channel, issuedAt);
        count(channel, "ok");
    }

    void failed(Channel channel) {
        count(channel, "failed");
    }

    private void count(Channel channel, String outcome) {
        Counter.builder("ksamu.feed.checks")
                .description("Checks of a channel's feed at the hub")
                .tag("channel", channel.wireName())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
