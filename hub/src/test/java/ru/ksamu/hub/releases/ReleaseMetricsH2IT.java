package ru.ksamu.hub.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.HubOnH2;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.testkit.Prometheus;

/**
 * What operations scrape from the hub's {@code /actuator/prometheus} (loopback, no token) after real
 * publishes, a promote, a feed request and a withdraw. The metrics do not depend on the database
 * kind, so H2 only, in the context the hub's H2 contracts share.
 */
@ContextConfiguration(initializers = HubOnH2.class)
class ReleaseMetricsH2IT extends HubContractSupport {

    private Prometheus scrape() {
        HubHttp.Reply r = hub().get("/actuator/prometheus");
        assertThat(r.status()).as("loopback needs no token").isEqualTo(200);
        return new Prometheus(r.text());
    }

    private double counted(Prometheus p, String name, String... labels) {
        return p.sample(name, labels).orElse(0);
    }

    @Test
    void publishesPromotesFeedRequestsAndWithdrawsAreCounted() {
        Prometheus before = scrape();
        Version version = TestHub.freshVersion();
        Path zip = TestBundles.bundle(tmp, version, List.of());

        assertThat(hub().publish(zip, Channel.TEST).status()).isEqualTo(201);
        assertThat(hub().publish(zip, Channel.TEST).status()).as("the same version again").isEqualTo(409);
        assertThat(hub().promote(version, "stable").status()).isEqualTo(200);
        assertThat(hub().get("/api/v1/channels/stable/latest").status()).isEqualTo(200);
        assertThat(hub().withdraw(version).status()).isEqualTo(200);

        Prometheus after = scrape();
        assertThat(counted(after, "ksamu_hub_publishes_total", "channel", "test", "outcome", "ok"))
                .as(after.toString()).isEqualTo(counted(before, "ksamu_hub_publishes_total", "channel", "test", "outcome", "ok") + 1);
        assertThat(counted(after, "ksamu_hub_publishes_total", "channel", "test", "outcome", "refused"))
                .isEqualTo(counted(before, "ksamu_hub_publishes_total", "channel", "test", "outcome", "refused") + 1);
        assertThat(counted(after, "ksamu_hub_promotes_total", "channel", "stable"))
                .isEqualTo(counted(before, "ksamu_hub_promotes_total", "channel", "stable") + 1);
        assertThat(counted(after, "ksamu_hub_feed_requests_total", "channel", "stable"))
                .isEqualTo(counted(before, "ksamu_hub_feed_requests_total", "channel", "stable") + 1);
        assertThat(counted(after, "ksamu_hub_withdraws_total")).isEqualTo(counted(before, "ksamu_hub_withdraws_total") + 1);
    }
}
