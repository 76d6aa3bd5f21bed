package ru.ksamu.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.HubOnH2;
import ru.ksamu.hub.LocalHttp;
import ru.ksamu.hub.TestHub;

/**
 * Who reads the hub's actuator: health's status for everyone, its details for a publisher;
 * Prometheus for loopback callers, others only with {@code ksamu.metrics.token}. A caller that is
 * not on loopback is this machine's own non-loopback address (the hub listens on all); the database
 * kind does not matter here, so H2 only ({@link MetricsAccessTest} covers the address rule itself).
 */
@ContextConfiguration(initializers = HubOnH2.class)
class ActuatorAccessH2IT extends HubContractSupport {

    private static final String PROMETHEUS = "/actuator/prometheus";

    private HubHttp.Reply get(InetAddress address, String path, String... headers) {
        return LocalHttp.send(address, address, port, "GET", path, null, headers);
    }

    private static InetAddress nonLoopback() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                Optional<InetAddress> a = Collections.list(nic.getInetAddresses()).stream()
                        .filter(i -> i instanceof Inet4Address && !i.isLoopbackAddress() && !i.isLinkLocalAddress())
                        .findFirst();
                if (a.isPresent()) {
                    return a.get();
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    @Test
    void anonymousHealthIsTheStatusOnlyAndAPublisherSeesDetails() {
        HubHttp.Reply anonymous = hub().get("/actuator/health");
        HubHttp.Reply staleToken = hub().get("/actuator/health", "Authorization", "Bearer wrong-token-0123456789abcdef0123456789");
        HubHttp.Reply publisher = hub().get("/actuator/health", "Authorization", "Bearer " + TestHub.TOKEN);

        for (HubHttp.Reply statusOnly : new HubHttp.Reply[] {anonymous, staleToken}) {
            assertThat(statusOnly.status()).isEqualTo(200);
            assertThat(statusOnly.json().path("status").asString()).isEqualTo("UP");
            // Boot also names the probe groups (liveness, readiness), as it did before: names, no details.
            assertThat(statusOnly.json().propertyNames()).containsOnlyOnce("status").isSubsetOf("status", "groups");
            assertThat(statusOnly.text()).doesNotContain("components").doesNotContain("details");
        }
        assertThat(publisher.status()).isEqualTo(200);
        assertThat(publisher.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(hub().get("/actuator/health/db").status()).as("no component to anonymous callers").isIn(401, 403, 404);
    }

    @Test
    void prometheusAnswersLoopbackCallers() throws Exception {
        for (InetAddress local : new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")}) {
            HubHttp.Reply reply = get(local, PROMETHEUS);
            assertThat(reply.status()).as(local.toString()).isEqualTo(200);
            assertThat(reply.text()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void prometheusRefusesOtherCallersWithoutTheMetricsToken() {
        InetAddress remote = nonLoopback();
        assumeTrue(remote != null, "this machine has no non-loopback IPv4 address to call the hub from");

        HubHttp.Reply none = get(remote, PROMETHEUS);
        HubHttp.Reply wrong = get(remote, PROMETHEUS, "Authorization", "Bearer wrong-token-0123456789abcdef0123456789");
        HubHttp.Reply publisher = get(remote, PROMETHEUS, "Authorization", "Bearer " + TestHub.TOKEN);
        HubHttp.Reply metrics = get(remote, PROMETHEUS, "Authorization", "Bearer " + TestHub.METRICS_TOKEN);

        for (HubHttp.Reply refused : new HubHttp.Reply[] {none, wrong, publisher}) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(401);
            assertThat(refused.json().path("code").asString()).isEqualTo("HUB_UNAUTHORIZED");
            assertThat(refused.json().path("message").asString()).contains("ksamu.metrics.token");
            assertThat(refused.text()).doesNotContain("jvm_memory_used_bytes");
        }
        assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes");
        // The health status stays open to every caller.
        assertThat(get(remote, "/actuator/health").status()).isEqualTo(200);
    }
}
