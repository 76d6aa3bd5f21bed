package ru.ksamu.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextsTest {

    static final Texts RU = Texts.of("ru");
    static final Texts EN = Texts.of("en");

    @Test
    void aLockDurationWithOneDecimalUnderTenSecondsDecimalCommaInRussian() {
        assertThat(RU.duration(Duration.ofMillis(700))).isEqualTo("0,7 с");
        assertThat(EN.duration(Duration.ofMillis(700))).isEqualTo("0.7 s");
        assertThat(RU.duration(Duration.ofMillis(749))).isEqualTo("0,7 с");
        assertThat(RU.duration(Duration.ofMillis(750))).isEqualTo("0,8 с");
        assertThat(RU.duration(Duration.ofMillis(1000))).isEqualTo("1,0 с");
        assertThat(RU.duration(Duration.ofMillis(9_949))).isEqualTo("9,9 с");
        assertThat(RU.duration(Duration.ofMillis(40))).isEqualTo("меньше 0,1 с");
        assertThat(EN.duration(Duration.ZERO)).isEqualTo("less than 0.1 s");
    }

    @Test
    void wholeSecondsFromTenSecondsThenMinutes() {
        assertThat(RU.duration(Duration.ofMillis(9_950))).isEqualTo("10 с");
        assertThat(RU.duration(Duration.ofMillis(42_400))).isEqualTo("42 с");
        assertThat(EN.duration(Duration.ofMillis(59_499))).isEqualTo("59 s");
        assertThat(RU.duration(Duration.ofMillis(59_500))).isEqualTo("1 мин");
        assertThat(RU.duration(Duration.ofSeconds(125))).isEqualTo("2 мин 5 с");
        assertThat(EN.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(EN.duration(Duration.ofMinutes(90))).isEqualTo("90 min");
    }

    @Test
    void aKeyTheBundleLacksIsEmptyNotAnError() {
        assertThat(RU.find("mis.column.full_name")).contains("ФИО");
        assertThat(EN.find("mis.column.full_name")).contains("Full name");
        assertThat(RU.find("mis.column.blood_group")).isEmpty();
    }
}
