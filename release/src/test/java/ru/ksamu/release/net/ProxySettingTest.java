package ru.ksamu.release.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySettingTest {

    @Test
    void emptyIsDirectAndSystemIsTheJvmsSelector() {
        assertThat(ProxySetting.parse("k", null).direct()).isTrue();
        assertThat(ProxySetting.parse("k", "  ").proxyFor(URI.create("http://hub:8090"))).isEqualTo(Proxy.NO_PROXY);
        ProxySetting system = ProxySetting.parse("k", " System ");
        assertThat(system.kind()).isEqualTo(ProxySetting.Kind.SYSTEM);
        assertThat(system.display()).isEqualTo("system");
        assertThat(system.hasCredentials()).isFalse();
    }

    @Test
    void anAddressWithPercentEncodedCredentialsIsDecodedAndNeverShown() {
        ProxySetting p = ProxySetting.parse("ksamu.update.proxy", "http://nurse%40clinic:p%40ss+w%3Ard@proxy.clinic:3128/");
        assertThat(p.kind()).isEqualTo(ProxySetting.Kind.HTTP);
        assertThat(p.host()).isEqualTo("proxy.clinic");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.user()).contains("nurse@clinic");
        assertThat(p.display()).isEqualTo("http://proxy.clinic:3128");
        assertThat(p.toString()).isEqualTo("http://nurse@clinic@proxy.clinic:3128").doesNotContain("p@ss");
        String basic = p.basicAuthorization().orElseThrow();
        assertThat(new String(Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("nurse@clinic:p@ss+w:rd");
        assertThat(p.proxyFor(URI.create("http://hub:8090")).address())
                .isEqualTo(InetSocketAddress.createUnresolved("proxy.clinic", 3128));
    }

    @Test
    void theSettingValueParsesBackToTheSameSetting() {
        for (String v : new String[] {"", "system", "http://proxy:3128", "http://u@proxy:3128",
                "http://nurse%40clinic:p%40ss+w%3Ard%20x@proxy.clinic:3128", "http://u:@proxy:3128"}) {
            ProxySetting p = ProxySetting.parse("k", v);
            assertThat(ProxySetting.parse("k", p.settingValue())).as(v).isEqualTo(p);
        }
    }

    @Test
    void theAuthenticatorAnswersOnlyThisProxy() throws Exception {
        Authenticator a = ProxySetting.parse("k", "http://u:secret@proxy:3128").authenticator().orElseThrow();
        PasswordAuthentication ok = Authenticator.requestPasswordAuthentication(a, "proxy", null, 3128, "http", "",
                "basic", new URL("http://hub/"), Authenticator.RequestorType.PROXY);
        assertThat(ok.getUserName()).isEqualTo("u");
        assertThat(new String(ok.getPassword())).isEqualTo("secret");
        assertThat(Authenticator.requestPasswordAuthentication(a, "hub", null, 80, "http", "", "basic",
                new URL("http://hub/"), Authenticator.RequestorType.SERVER)).as("a server never gets it").isNull();
        assertThat(Authenticator.requestPasswordAuthentication(a, "other", null, 3128, "http", "", "basic",
                new URL("http://hub/"), Authenticator.RequestorType.PROXY)).as("another proxy never gets it").isNull();
        assertThat(ProxySetting.parse("k", "http://proxy:3128").authenticator()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy:3128", "https://u:topsecret@proxy:3128", "http://u:topsecret@proxy",
            "http://u:topsecret@proxy:99999", "http://u:topsecret@proxy:3128/path", "socks://proxy:1080",
            "http://:topsecret@proxy:3128", "http://u:top%zzsecret@proxy:3128", "http://u:topsecret@:3128"})
    void aBadValueIsRefusedNamingTheSettingWithoutThePassword(String value) {
        assertThatThrownBy(() -> ProxySetting.parse("ksamu.update.proxy", value))
                .isInstanceOf(InvalidProxyException.class)
                .hasMessageContaining("ksamu.update.proxy")
                .hasMessageContaining("Неверная настройка прокси")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret").doesNotContain("top%zzsecret"))
                .satisfies(e -> assertThat(((InvalidProxyException) e).input()).doesNotContain("topsecret"));
    }

    @Test
    void maskingHidesOnlyThePassword() {
        assertThat(ProxySetting.masked("http://u:s3cr%40t@proxy:3128")).isEqualTo("http://u:***@proxy:3128");
        assertThat(ProxySetting.masked("http://u@proxy:3128")).isEqualTo("http://u@proxy:3128");
        assertThat(ProxySetting.masked("system")).isEqualTo("system");
    }
}
