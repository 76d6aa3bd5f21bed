package ru.ksamu.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.platform.InvalidSettingException;

class TokenSettingsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef-long";

    @Test
    void blankEntriesAreDroppedAndTokensAreNeverShown() {
        TokenSettings settings = new TokenSettings(Arrays.asList(" " + TOKEN + " ", "", null));

        assertThat(settings.publishTokens()).containsExactly(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("1 token");
        assertThat(new TokenSettings(null).publishTokens()).isEmpty();
    }

    @Test
    void shortTokenStopsStartUpWithoutRevealingIt() {
        assertThatThrownBy(() -> new TokenSettings(List.of("short-secret")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(TokenSettings.KEY)
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new TokenSettings(List.of("0123456789abcdef 0123456789abcdef")))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void tokensAreStoredAsTheirSha256() {
        assertThat(PublisherTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
