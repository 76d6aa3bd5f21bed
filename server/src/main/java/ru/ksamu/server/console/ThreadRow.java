package ru.ksamu.server.console;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.server.time.Times;

/** One line of the thread manager's table, formatted for the console. */
record ThreadRow(long id, String name, String kind, String startedBy, String startedAt, String elapsed, String state,
                 String stateCode, String step, Integer progress, String waitingFor, boolean exclusive,
                 boolean critical, boolean unresponsive, boolean active, String error) {

    /**
     * A unit as the console shows it, in the console's language. A stopped unit's step reads
     * {@code stopped} ("остановлено"), not the last step it was at (a countdown's "блокировка БД
     * через 0:57" would claim a lock still coming).
     */
    static ThreadRow of(WorkSnapshot s, ZoneId zone, Locale locale, String stopped, String startedBy) {
        return new ThreadRow(s.id(), s.name(), Lang.of(s.kind().ru(), s.kind().en(), locale), startedBy,
                Times.shown(s.startedAt(), zone), format(s.elapsed()), Lang.of(s.state().ru(), s.state().en(), locale),
                s.state().name(), s.state() == WorkState.STOPPED ? stopped : s.step(), s.progress(), Lang.of(s.waitingFor(), s.waitingForEn(), locale),
                s.exclusive(), s.critical(), s.unresponsive(), !s.state().finished() && !s.system(), s.error());
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
