package ru.ksamu.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.TestHub;
import ru.ksamu.platform.InvalidSettingException;

class UpstreamSettingsTest {

    private static final List<String> VENDOR = List.of(TestHub.VENDOR.trustedKey().toText());
    private static final List<String> UPSTREAM = List.of(TestHub.STRANGER.trustedKey().toText());

    @Test
    void noUpstreamIsNoMirrorAndTheDefaultsHold() {
        UpstreamSettings settings = new UpstreamSettings(null, null, null, null, null, null, null);
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.upstreamInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.upstreamConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.upstreamReadTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aMirrorNeedsTheUpstreamKeyAndTheVendorKeyNamed() {
        assertThatThrownBy(() -> new UpstreamSettings("http://hub.example:8090", List.of(), VENDOR, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.KEYS)
                .hasMessageContaining("http://hub.example:8090");
        assertThatThrownBy(() -> new UpstreamSettings("http://hub.example:8090", UPSTREAM, List.of(), null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.RELEASE_KEYS);
        UpstreamSettings ok = new UpstreamSettings("http://hub.example:8090/", UPSTREAM, VENDOR, null, null, null, null);
        assertThat(ok.upstream()).isEqualTo("http://hub.example:8090");
        assertThat(ok.feedKeys().keyIds()).containsExactly(TestHub.STRANGER.trustedKey().keyId());
    }

    @Test
    void badAddressesKeysAndDurationsStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> new UpstreamSettings("ftp://hub", UPSTREAM, VENDOR, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.UPSTREAM);
        assertThatThrownBy(() -> new UpstreamSettings("http://hub/api", UPSTREAM, VENDOR, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.UPSTREAM);
        assertThatThrownBy(() -> new UpstreamSettings("http://hub", List.of("no-such-file.pub"), VENDOR, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.KEYS)
                .hasMessageContaining("no-such-file.pub");
        assertThatThrownBy(() -> new UpstreamSettings("http://hub", UPSTREAM, VENDOR, null, null, null, "http://u:s3cret@proxy"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(UpstreamSettings.PROXY)
                .hasMessageContaining("u:***@proxy").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> new UpstreamSettings("http://hub", UPSTREAM, VENDOR, Duration.ZERO, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.upstream-interval");
    }

    @Test
    void theProxyIsParsedAndItsPasswordNeverPrinted() {
        UpstreamSettings settings = new UpstreamSettings("http://hub", UPSTREAM, VENDOR, null, null, null,
                "http://mirror:s3cret@127.0.0.1:3128");
        assertThat(settings.proxy().display()).isEqualTo("http://127.0.0.1:3128");
        assertThat(settings.proxy().hasCredentials()).isTrue();
        assertThat(settings.toString()).contains("mirror:***@127.0.0.1:3128").doesNotContain("s3cret");
        assertThat(new UpstreamSettings("http://hub", UPSTREAM, VENDOR, null, null, null, null).proxy().direct()).isTrue();
    }
}
