package ru.ksamu.schedule;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Why a schedule never fires, in Russian and English, for the validator's message. Asked only
 * after the search has said "never"; it names the likeliest cause and otherwise says that no
 * allowed start comes within two years.
 */
record NeverReason(String ru, String en) {

    private static final Locale RU = Locale.forLanguageTag("ru");

    static NeverReason explain(Schedule schedule, ZonedDateTime now) {
        LocalDateTime anchor = schedule.start().plus(schedule.offset());
        Window window = Window.of(schedule.forbiddenFrom(), schedule.forbiddenTo());
        String windowRu = "с " + ScheduleFormats.formatWindowBound(schedule.forbiddenFrom())
                + " по " + ScheduleFormats.formatWindowBound(schedule.forbiddenTo());
        String windowEn = ScheduleFormats.formatWindowBound(schedule.forbiddenFrom())
                + "–" + ScheduleFormats.formatWindowBound(schedule.forbiddenTo());
        Periodicity periodicity = schedule.periodicity();
        if (periodicity == Periodicity.ONCE && Grid.resolve(schedule.start(), now.getZone().getRules())
                < now.toEpochSecond()) {
            String when = ScheduleFormats.formatDateTime(schedule.start());
            return new NeverReason("однократный запуск " + when + " уже прошёл",
                    "the one-time start " + when + " has passed");
        }
        if (periodicity == Periodicity.WEEK && schedule.forbiddenWeekdays().contains(anchor.getDayOfWeek())) {
            return new NeverReason("еженедельный запуск приходится на запрещённый день недели ("
                    + ScheduleFormats.weekdayShort(anchor.getDayOfWeek(), RU) + ")",
                    "the weekly start falls on a forbidden weekday ("
                    + ScheduleFormats.weekdayShort(anchor.getDayOfWeek(), Locale.ENGLISH) + ")");
        }
        int anchorSecond = anchor.toLocalTime().toSecondOfDay();
        boolean alwaysInWindow = periodicity.isCalendar() || periodicity == Periodicity.ONCE
                ? window.contains(anchorSecond)
                : window.coversEvery(anchorSecond % periodicity.fixedSeconds(), periodicity.fixedSeconds());
        if (alwaysInWindow) {
            return new NeverReason("каждый запуск попадает в запрещённый интервал " + windowRu,
                    "every start falls in the forbidden window " + windowEn);
        }
        if (periodicity == Periodicity.MONTH && anchor.getDayOfMonth() <= 28
                && !schedule.days().allows(anchor.getDayOfMonth())) {
            return new NeverReason("ежемесячный запуск " + anchor.getDayOfMonth() + "-го числа не попадает на "
                    + schedule.days().tableLabel(RU).toLowerCase(RU),
                    "the monthly start on day " + anchor.getDayOfMonth() + " never falls on "
                    + schedule.days().tableLabel(Locale.ENGLISH).toLowerCase(Locale.ENGLISH));
        }
        return new NeverReason("нет ни одного разрешённого момента запуска в ближайшие два года",
                "no allowed start within the next two years");
    }
}
