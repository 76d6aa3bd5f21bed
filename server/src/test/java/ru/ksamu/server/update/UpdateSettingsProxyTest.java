package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.net.ProxySetting;

class UpdateSettingsProxyTest {

    static UpdateSettings withProxy(String proxy) {
        return new UpdateSettings("http://hub:8090", "", List.of(), List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(30), DataSize.ofBytes(0), proxy);
    }

    @Test
    void aBadProxyStopsStartUpNamingTheKeyButNotThePassword() {
        assertThatThrownBy(() -> withProxy("https://nurse:topsecret@proxy:3128"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Неверная настройка ksamu.update.proxy = \"https://nurse:***@proxy:3128\": нужен адрес прокси")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"))
                .satisfies(e -> assertThat(((InvalidSettingException) e).value()).doesNotContain("topsecret"));
    }

    @Test
    void theSettingsNeverPrintThePassword() {
        UpdateSettings s = withProxy(" http://nurse:topsecret@proxy:3128 ");
        assertThat(s.toString()).contains("proxy=http://nurse:***@proxy:3128").doesNotContain("topsecret");
        assertThat(s.proxySetting().kind()).isEqualTo(ProxySetting.Kind.HTTP);
        assertThat(withProxy(null).proxySetting().direct()).isTrue();
        assertThat(withProxy("system").proxySetting().kind()).isEqualTo(ProxySetting.Kind.SYSTEM);
    }
}
