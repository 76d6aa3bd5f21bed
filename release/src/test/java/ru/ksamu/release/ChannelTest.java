package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

    @Test
    void wireNamesAreLowercaseAndRussianNamesAreTheArticles() {
        assertThat(Channel.parse("test")).isEqualTo(Channel.TEST);
        assertThat(Channel.parse("stable")).isEqualTo(Channel.STABLE);
        assertThat(Channel.TEST.russianName()).isEqualTo("тестовый");
        assertThat(Channel.STABLE.russianName()).isEqualTo("стабильный");
        assertThat(Channel.STABLE).hasToString("stable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "beta", "STABLE", " test", "стабильный"})
    void unknownChannelsAreRefusedNamingTheInput(String input) {
        assertThatThrownBy(() -> Channel.parse(input))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("\"" + input + "\"")
                .hasMessageContaining("нужно test или stable / unknown channel");
    }
}
