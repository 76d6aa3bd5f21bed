package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.ksamu.platform.InvalidSettingException;

class TelegramSettingsTest {

    @Test
    void defaultsAreUsedForMissingValuesAndSendingIsOffWithoutAToken() {
        TelegramSettings settings = new TelegramSettings(null, null, null, null, null, null);

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.baseUrl()).isEqualTo(TelegramSettings.DEFAULT_BASE_URL);
        assertThat(settings.retryBaseDelay()).isEqualTo(TelegramSettings.DEFAULT_RETRY_BASE_DELAY);
    }

    @Test
    void tokenIsNeverShownButIsInTheAddress() {
        TelegramSettings settings = new TelegramSettings("http://127.0.0.1:9/", "123:secret", "@chan", null, null, null);

        assertThat(settings.toString()).doesNotContain("secret").contains("***");
        assertThat(settings.sendMessageUri().toString()).isEqualTo("http://127.0.0.1:9/bot123:secret/sendMessage");
    }

    @Test
    void badValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> new TelegramSettings(null, "123:abc", "", null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.telegram.chat-id");
        assertThatThrownBy(() -> new TelegramSettings("ftp://x", "", "", null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.telegram.base-url");
        assertThatThrownBy(() -> new TelegramSettings(null, "", "", Duration.ZERO, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("retry-base-delay");
        assertThatThrownBy(() -> new TelegramSettings(null, "", "", Duration.ofMinutes(5), Duration.ofMinutes(1), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("retry-max-delay");
        assertThatThrownBy(() -> new TelegramSettings(null, "12/3", "@c", null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageNotContaining("12/3");
    }
}
