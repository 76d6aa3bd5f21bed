package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

class AnnouncementTextTest {

    private static final Version V = Version.parse("6.0.51.22966");

    @Test
    void sameScriptsVersionAsThePreviousReleaseIsMinorWithoutALock() {
        String text = AnnouncementText.of(Channel.TEST, V, Optional.of(Version.parse("6.0.51.22965")),
                "Исправлен отчёт", List.of());

        assertThat(text).isEqualTo("""
                Тестовый релиз КСАМУ 6.0.51.22966
                Минорный, без блокировки (предыдущий в канале: 6.0.51.22965)
                Регионы: все

                Исправлен отчёт""");
    }

    @Test
    void otherScriptsVersionOrFirstReleaseIsMajorWithADatabaseLock() {
        String major = AnnouncementText.of(Channel.STABLE, V, Optional.of(Version.parse("6.0.50.22000")), "", List.of("09", "10"));
        String first = AnnouncementText.of(Channel.STABLE, V, Optional.empty(), "  ", List.of());

        assertThat(major).isEqualTo("""
                Стабильный релиз КСАМУ 6.0.51.22966
                Мажорный, с блокировкой БД (предыдущий в канале: 6.0.50.22000)
                Регионы: 09, 10""");
        assertThat(first).contains("Мажорный, с блокировкой БД (первый в канале)").doesNotEndWith("\n");
    }

    @Test
    void longNotesAreCutToTelegramsLimit() {
        String text = AnnouncementText.of(Channel.TEST, V, Optional.empty(), "я".repeat(10_000), List.of());

        assertThat(text).hasSize(AnnouncementText.MAX_LENGTH).endsWith("я…");
    }
}
