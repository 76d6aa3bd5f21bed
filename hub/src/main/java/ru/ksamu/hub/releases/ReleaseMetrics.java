package ru.ksamu.hub.releases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.ReleaseIoException;

/**
 * Changes to the catalogue: {@code ksamu.hub.publishes} (tagged {@code channel} and
 * {@code outcome=ok|refused|failed}), {@code ksamu.hub.promotes} ({@code channel}) and
 * {@code ksamu.hub.withdraws}. Promotes and withdraws count those that succeeded.
 */
@Component
class ReleaseMetrics {

    private final MeterRegistry meters;

    ReleaseMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(Channel channel) {
        publish(channel, "ok");
    }

    /** A publish that ended with this exception: refused (the bundle or the request was wrong) or failed. */
    void publishFailed(Channel channel, RuntimeException e) {
        publish(channel, outcome(e));
    }

    static String outcome(RuntimeException e) {
        return e instanceof ReleaseException && !(e instanceof ReleaseIoException) ? "refused" : "failed";
    }

    private void publish(Channel channel, String outcome) {
        Counter.builder("ksamu.hub.publishes")
                .description("Release publishes by channel and outcome")
                .tag("channel", channel.wireName())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    void promoted(Channel channel) {
        Counter.builder("ksamu.hub.promotes").description("Releases promoted into a channel")
                .tag("channel", channel.wireName()).register(meters).increment();
    }

    void withdrawn() {
        Counter.builder("ksamu.hub.withdraws").description("Releases withdrawn").register(meters).increment();
    }
}
