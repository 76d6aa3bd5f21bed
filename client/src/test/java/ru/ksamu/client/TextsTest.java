package ru.ksamu.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {

    /** Tenths rounded up under 10 s (a decimal comma in Russian), whole seconds under a minute, then minutes, as the server writes it. */
    @ParameterizedTest(name = "{0}: {1} ms → {2}")
    @CsvSource(delimiter = '|', value = {
        "ru | 700     | 0,7 с",
        "en | 700     | 0.7 s",
        "ru | 701     | 0,8 с",
        "ru | 40      | 0,1 с",
        "en | 0       | 0.0 s",
        "ru | 1000    | 1,0 с",
        "ru | 9999    | 10,0 с",
        "ru | 10000   | 10 с",
        "ru | 42499   | 42 с",
        "en | 59499   | 59 s",
        "ru | 59500   | 1 мин 0 с",
        "ru | 125000  | 2 мин 5 с",
        "en | 125000  | 2 min 5 s",
        "en | 5400000 | 90 min 0 s",
    })
    void aLockDurationAsPeopleReadIt(String lang, long millis, String shown) {
        assertThat(Texts.of(lang).duration(Duration.ofMillis(millis))).isEqualTo(shown);
    }

    @Test
    void aKeyTheBundleLacksIsEmptyNotAnError() {
        assertThat(Texts.of("ru").find("mis.column.full_name")).contains("ФИО");
        assertThat(Texts.of("en").find("mis.column.full_name")).contains("Full name");
        assertThat(Texts.of("ru").find("mis.column.blood_group")).isEmpty();
    }
}
