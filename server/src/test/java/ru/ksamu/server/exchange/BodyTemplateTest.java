package ru.ksamu.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    static final ZonedDateTime AT = ZonedDateTime.of(2026, 12, 7, 3, 5, 9, 0, ZoneId.of("Europe/Moscow"));

    @Test
    void placeholdersTakeTheRunsTimeInItsZone() {
        assertThat(BodyTemplate.expand("{\"d\":\"${date}\",\"t\":\"${time}\",\"dt\":\"${datetime}\",\"ru\":\"${date.ru}\"}", AT))
                .isEqualTo("{\"d\":\"2026-12-07\",\"t\":\"03:05:09\",\"dt\":\"2026-12-07T03:05:09\",\"ru\":\"07.12.2026\"}");
    }

    @Test
    void textWithoutPlaceholdersAndDollarsStaysAsItIs() {
        assertThat(BodyTemplate.expand("цена $5 \\ {x}", AT)).isEqualTo("цена $5 \\ {x}");
    }

    @Test
    void unknownPlaceholdersAreNamed() {
        assertThat(BodyTemplate.unknown("${date} ${завтра} ${}")).containsExactly("завтра", "");
        assertThatThrownBy(() -> BodyTemplate.expand("${завтра}", AT))
                .hasMessageStartingWith("подстановка ${завтра} неизвестна (есть: ${date}, ${time}, ${datetime}, ${date.ru})");
    }

    @Test
    void expectedStatusesAreAListOfCodes() {
        assertThat(HttpExchangeTask.expected("200, 204")).containsExactlyInAnyOrder(200, 204);
        assertThat(HttpExchangeTask.expected("2xx")).isEmpty();
        assertThat(HttpExchangeTask.expected("99")).isEmpty();
    }
}
