package ru.ksamu.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import ru.ksamu.platform.InvalidSettingException;

class MetricsAccessTest {

    private static final String TOKEN = "metrics-token-0123456789abcdef-0123456789";

    @Test
    void loopbackCallersAreAnsweredWithoutAToken() {
        MetricsAccess none = new MetricsAccess("");
        for (String local : new String[] {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]",
                "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"}) {
            assertThat(none.allows(local, null)).as(local).isTrue();
        }
    }

    @Test
    void othersNeedTheMetricsToken() {
        MetricsAccess none = new MetricsAccess("");
        MetricsAccess withToken = new MetricsAccess(TOKEN);
        for (String remote : new String[] {"192.0.2.2", "10.0.0.1", "128.0.0.1", "::2", "fe80::1%eth0", "", null,
                "localhost", "127.0.0.1.example.org"}) {
            assertThat(none.allows(remote, "Bearer " + TOKEN)).as(remote).isFalse();
            assertThat(withToken.allows(remote, null)).as(remote).isFalse();
            assertThat(withToken.allows(remote, "Bearer wrong")).as(remote).isFalse();
            assertThat(withToken.allows(remote, "Basic " + TOKEN)).as(remote).isFalse();
            assertThat(withToken.allows(remote, "Bearer " + TOKEN)).as(remote).isTrue();
            assertThat(withToken.allows(remote, "bearer  " + TOKEN + " ")).as(remote).isTrue();
        }
    }

    @Test
    void aShortOrSpacedTokenStopsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> new MetricsSettings("short-secret"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(MetricsSettings.KEY)
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new MetricsSettings("0123456789abcdef 0123456789abcdef"))
                .isInstanceOf(InvalidSettingException.class);
        assertThat(new MetricsSettings(null).token()).isEmpty();
        assertThat(new MetricsSettings(" " + TOKEN + " ").token()).isEqualTo(TOKEN);
        assertThat(new MetricsSettings(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
