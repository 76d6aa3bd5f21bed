package ru.ksamu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EffectiveSettingsTest {

    private static StandardEnvironment environment() {
        Map<String, Object> yml = new LinkedHashMap<>();
        yml.put("ksamu.data-dir", "/srv/ksamu");
        yml.put("ksamu.port", "8080");
        yml.put("ksamu.service-db.url", "jdbc:h2:file:${ksamu.data-dir}/db/service");
        yml.put("ksamu.service-db.password", "");
        yml.put("ksamu.admin.initial-password", "first-secret-1");
        yml.put("ksamu.metrics.token", "");
        yml.put("ksamu.log-formats.json", "ecs");
        yml.put("server.port", "8080");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addLast(new MapPropertySource("yml", yml));
        // what an environment variable or a command-line argument would do: a later value wins
        env.getPropertySources().addFirst(new MapPropertySource("override",
                Map.of("ksamu.port", "9090", "ksamu.metrics.token", "0123456789abcdef0123456789abcdef-token")));
        return env;
    }

    @Test
    void listsEachKeyWithItsEffectiveValueSorted() {
        String block = EffectiveSettings.describe(environment(), EffectiveSettingsTest.class);
        assertThat(block).startsWith("Действующие настройки / effective settings (EffectiveSettingsTest):");
        assertThat(block.lines().skip(1).toList()).containsExactly(
                "  ksamu.admin.initial-password = ***",
                "  ksamu.data-dir = /srv/ksamu",
                "  ksamu.metrics.token = ***",
                "  ksamu.port = 9090",
                "  ksamu.service-db.password = \"\"",
                "  ksamu.service-db.url = jdbc:h2:file:/srv/ksamu/db/service");
    }

    @Test
    void passwordsTokensAndSecretsAreNeverPrinted() {
        String block = EffectiveSettings.describe(environment(), null);
        assertThat(block).doesNotContain("first-secret-1").doesNotContain("0123456789abcdef");
        assertThat(EffectiveSettings.isSecret("ksamu.hub.publish-tokens")).isTrue();
        assertThat(EffectiveSettings.isSecret("ksamu.hub.telegram.bot-token")).isTrue();
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("yml", Map.of("ksamu.data-dir", "/d",
                "ksamu.databases.main.url", "jdbc:postgresql://db/mis?user=ksamu&password=hunter22&ssl=true")));
        assertThat(EffectiveSettings.describe(env, null))
                .contains("ksamu.databases.main.url = jdbc:postgresql://db/mis?user=ksamu&password=***&ssl=true")
                .doesNotContain("hunter22");
        assertThat(EffectiveSettings.isSecret("ksamu.databases.main.password")).isTrue();
        assertThat(EffectiveSettings.isSecret("ksamu.hub.feed.key-file")).isFalse();
        assertThat(EffectiveSettings.isSecret("ksamu.update.release-keys[0]")).isFalse();
    }

    @Test
    void thePasswordOfAProxyAddressIsNeverPrinted() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("yml", Map.of("ksamu.data-dir", "/d",
                "ksamu.update.proxy", "http://nurse:p%40ss-hunter2@proxy.clinic:3128",
                "ksamu.update.hub-url", "http://hub.example:8090")));
        assertThat(EffectiveSettings.describe(env, null))
                .contains("ksamu.update.proxy = http://nurse:***@proxy.clinic:3128")
                .contains("ksamu.update.hub-url = http://hub.example:8090")
                .doesNotContain("hunter2");
    }
}
