package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.Texts;

class EventStreamTest {

    @Test
    void readsNamedEventsMultiLineDataAndSkipsComments() {
        List<ClientEvent> got = new ArrayList<>();
        EventStream s = new EventStream("http://127.0.0.1:1", "u", "h", "1.0.0.1", got::add);
        s.read(List.of("event:hello", "data:{\"session\":1}", "", ":ping", "", "event: countdown",
                "data: {\"version\":\"1.1.0.1\",", "data: \"deadline\":\"2024-06-01T21:30:00Z\"}", "").iterator());
        assertThat(got).extracting(ClientEvent::name).containsExactly("hello", "countdown");
        assertThat(got.get(1).deadline()).hasValueSatisfying(d -> assertThat(d.toString()).isEqualTo("2024-06-01T21:30:00Z"));
        assertThat(got.get(1).version()).isEqualTo("1.1.0.1");
        assertThat(got.get(0).line()).isEqualTo("EVENT hello {\"session\":1}");
    }

    @Test
    void countdownFormatsMinutesAndSecondsRoundingUp() {
        assertThat(CountdownWindow.format(Duration.ofMinutes(8))).isEqualTo("08:00");
        assertThat(CountdownWindow.format(Duration.ofMillis(479_001))).isEqualTo("08:00");
        assertThat(CountdownWindow.format(Duration.ofSeconds(61))).isEqualTo("01:01");
        assertThat(CountdownWindow.format(Duration.ofSeconds(-5))).isEqualTo("00:00");
    }

    @Test
    void russianByDefaultEnglishOnlyWhenAskedWhateverTheJvmLocale() {
        assertThat(Texts.of("ru").get("update.failed.title")).isEqualTo("Обновление не удалось");
        assertThat(Texts.of("xx").get("completed.close")).isEqualTo("Закрыть программу");
        assertThat(Texts.of("en").get("completed.close")).isEqualTo("Close the program");
        ClientEvent e = new ClientEvent("available", "{\"message\":\"Доступна\",\"messageEn\":\"Available\"}");
        assertThat(e.message(Texts.of("en"))).isEqualTo("Available");
        assertThat(e.message(Texts.of("ru"))).isEqualTo("Доступна");
    }
}
