package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.schedule.ScheduleValidator.Result;

/** Each bad field gets its own Russian and English message, all reported at once. */
class ScheduleValidatorTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2024, 6, 1, 10, 37, 0, 0, ZoneId.of("Europe/Moscow"));
    static final Function<Periodicity, Duration> NO_OFFSET = p -> Duration.ZERO;

    static ScheduleDraft cloud() {
        return new ScheduleDraft("cloud-update", "Обновление КСАМУ из облака", "01.01.2016 0:08:00", "MINUTES_30",
                List.of(), "06:00", "21:00", "ALL", true);
    }

    static ScheduleDraft with(String field, Object value) {
        ScheduleDraft d = cloud();
        return new ScheduleDraft(
                field.equals("taskType") ? (String) value : d.taskType(),
                field.equals("name") ? (String) value : d.name(),
                field.equals("start") ? (String) value : d.start(),
                field.equals("periodicity") ? (String) value : d.periodicity(),
                field.equals("forbiddenWeekdays") ? castList(value) : d.forbiddenWeekdays(),
                field.equals("forbiddenFrom") ? (String) value : d.forbiddenFrom(),
                field.equals("forbiddenTo") ? (String) value : d.forbiddenTo(),
                field.equals("days") ? (String) value : d.days(), d.enabled());
    }

    @SuppressWarnings("unchecked")
    static List<String> castList(Object value) {
        return (List<String>) value;
    }

    static List<FieldError> errors(ScheduleDraft draft) {
        return ScheduleValidator.validate(draft, NOW, NO_OFFSET).errors();
    }

    /** The one warning of a draft that is saved although it can never run. */
    static FieldError onlyWarning(ScheduleDraft draft) {
        Result result = ScheduleValidator.validate(draft, NOW, NO_OFFSET);
        assertThat(result.errors()).isEmpty();
        assertThat(result.schedule()).isPresent();
        assertThat(result.warnings()).hasSize(1);
        return result.warnings().get(0);
    }

    static FieldError onlyError(ScheduleDraft draft) {
        List<FieldError> errors = errors(draft);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void theArticlesCloudTaskIsValidAndTakesItsOffset() {
        Result result = ScheduleValidator.validate(cloud(), NOW, p -> Duration.ofMinutes(21));

        assertThat(result.valid()).isTrue();
        assertThat(result.errors()).isEmpty();
        Schedule schedule = result.schedule().orElseThrow();
        assertThat(schedule.periodicity()).isEqualTo(Periodicity.MINUTES_30);
        assertThat(schedule.forbiddenFrom()).isEqualTo(LocalTime.of(6, 0));
        assertThat(schedule.offset()).isEqualTo(Duration.ofMinutes(21));
        assertThat(schedule.nearestStart(NOW)).isPresent();
    }

    @Test
    void anEmptyNameIsReportedOnTheName() {
        FieldError error = onlyError(with("name", "  "));
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.messageRu()).isEqualTo("Укажите наименование задания.");
        assertThat(error.messageEn()).isEqualTo("Enter the task name.");
    }

    @Test
    void anUnknownPeriodicityListsTheWireNames() {
        FieldError error = onlyError(with("periodicity", "EVERY_3_MINUTES"));
        assertThat(error.field()).isEqualTo("periodicity");
        assertThat(error.messageRu()).contains("«EVERY_3_MINUTES»").contains("MINUTES_2, MINUTES_5");
        assertThat(error.messageEn()).contains("'EVERY_3_MINUTES'").contains("ONCE");
    }

    @Test
    void aMalformedStartShowsTheExpectedFormat() {
        for (String bad : List.of("2024-06-01 10:00", "31.02.2024 1:00:00", "01.06.2024 25:00:00")) {
            FieldError error = onlyError(with("start", bad));
            assertThat(error.field()).isEqualTo("start");
            assertThat(error.messageRu()).contains("«" + bad + "»").contains("ДД.ММ.ГГГГ Ч:мм:сс");
            assertThat(error.messageEn()).contains("dd.MM.yyyy H:mm:ss");
        }
    }

    @Test
    void malformedWindowBoundsAreReportedEachOnItsOwnField() {
        ScheduleDraft draft = with("forbiddenFrom", "25:00");
        draft = new ScheduleDraft(draft.taskType(), draft.name(), draft.start(), draft.periodicity(),
                draft.forbiddenWeekdays(), draft.forbiddenFrom(), "6.00", draft.days(), true);

        assertThat(errors(draft)).extracting(FieldError::field).containsExactly("forbiddenFrom", "forbiddenTo");
        assertThat(errors(draft).get(0).messageRu()).isEqualTo(
                "Время «25:00» (запрет с) не распознано: ожидается ЧЧ:мм, например 06:00.");
        assertThat(errors(draft).get(1).messageEn()).isEqualTo(
                "Time '6.00' (window to) is not understood: expected HH:mm, e.g. 06:00.");
    }

    @Test
    void oneBlankBoundIsAnErrorAndTwoBlankBoundsMeanNoWindow() {
        assertThat(onlyError(with("forbiddenTo", "")).field()).isEqualTo("forbiddenTo");
        ScheduleDraft noWindow = new ScheduleDraft("t", "n", "01.01.2016 0:08:00", "DAY", null, null, " ", "ALL", true);
        Schedule schedule = ScheduleValidator.validate(noWindow, NOW, NO_OFFSET).schedule().orElseThrow();
        assertThat(schedule.forbiddenFrom()).isEqualTo(schedule.forbiddenTo());
    }

    @Test
    void everyWeekdayForbiddenIsReportedOnTheWeekdays() {
        FieldError error = onlyError(with("forbiddenWeekdays",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")));
        assertThat(error.field()).isEqualTo("forbiddenWeekdays");
        assertThat(error.messageRu()).startsWith("Запрещены все дни недели");
        assertThat(error.messageEn()).startsWith("Every weekday is forbidden");
    }

    @Test
    void unknownWeekdaysAndDayModesAreReported() {
        assertThat(onlyError(with("forbiddenWeekdays", List.of("MONDAY", "Пн"))).messageRu()).contains("«Пн»");
        FieldError days = onlyError(with("days", "WEEKENDS"));
        assertThat(days.field()).isEqualTo("days");
        assertThat(days.messageEn()).contains("ALL, EVEN, ODD");
    }

    @Test
    void everyBadFieldIsReportedNotOnlyTheFirst() {
        ScheduleDraft bad = new ScheduleDraft("", "", "вчера", "SOMETIMES", List.of("FUNDAY"), "6", "21:00", "", true);

        assertThat(errors(bad)).extracting(FieldError::field).containsExactly(
                "taskType", "name", "start", "periodicity", "forbiddenWeekdays", "forbiddenFrom", "days");
        assertThat(ScheduleValidator.validate(bad, NOW, NO_OFFSET).schedule()).isEmpty();
    }

    @Test
    void aDailyTimeInsideTheWindowCanNeverRunAndIsSavedWithAWarning() {
        ScheduleDraft draft = new ScheduleDraft("backup", "Бэкап", "01.01.2024 3:00:00", "DAY", List.of(),
                "00:00", "06:00", "ALL", true);
        FieldError error = onlyWarning(draft);
        assertThat(error.field()).isEqualTo(ScheduleValidator.WHOLE_SCHEDULE);
        assertThat(error.messageRu()).isEqualTo(
                "Задание никогда не будет выполнено: каждый запуск попадает в запрещённый интервал с 00:00 по 06:00.");
        assertThat(error.messageEn()).isEqualTo(
                "The task will never run: every start falls in the forbidden window 00:00–06:00.");
    }

    @Test
    void neverReasonsNameTheirCause() {
        assertThat(onlyWarning(new ScheduleDraft("b", "Бэкап \"Базы печатных форм\"", "01.01.2014 12:00:00", "ONCE",
                List.of(), "", "", "ALL", true)).messageRu())
                .isEqualTo("Задание никогда не будет выполнено: однократный запуск 01.01.2014 12:00:00 уже прошёл.");
        assertThat(onlyWarning(new ScheduleDraft("m", "Сервисное обслуживание БД", "24.04.2014 20:00:00", "WEEK",
                List.of("THURSDAY"), "", "", "ALL", true)).messageRu())
                .isEqualTo("Задание никогда не будет выполнено: еженедельный запуск приходится на запрещённый день недели (Чт).");
        assertThat(onlyWarning(new ScheduleDraft("m", "Отчёт", "14.01.2024 9:00:00", "MONTH",
                List.of(), "", "", "ODD", true)).messageEn())
                .isEqualTo("The task will never run: the monthly start on day 14 never falls on odd days.");
    }

    @Test
    void aDisabledTaskIsStillCheckedAsIfItRan() {
        ScheduleDraft draft = new ScheduleDraft("backup", "Бэкап", "01.01.2024 3:00:00", "DAY", List.of(),
                "00:00", "06:00", "ALL", false);
        assertThat(onlyWarning(draft).field()).isEqualTo(ScheduleValidator.WHOLE_SCHEDULE);
    }

    @Test
    void aSingleStartFarAheadHasNoHorizon() {
        ScheduleDraft draft = new ScheduleDraft("backup", "Бэкап перед переездом", "01.03.2031 21:00:00", "ONCE",
                List.of(), "", "", "ALL", true);
        Result result = ScheduleValidator.validate(draft, NOW, NO_OFFSET);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.schedule().orElseThrow().nearestStart(NOW).orElseThrow().toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2031, 3, 1, 21, 0));
    }

    @Test
    void everyWeekdayForbiddenStaysAnError() {
        ScheduleDraft draft = new ScheduleDraft("backup", "Бэкап", "01.01.2024 3:00:00", "DAY",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), "", "", "ALL", true);
        assertThat(onlyError(draft).field()).isEqualTo("forbiddenWeekdays");
    }
}
