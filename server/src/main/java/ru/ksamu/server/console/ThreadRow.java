package ru.ksamu.server.console;

import java.time.Duration;
import java.time.ZoneId;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.time.Times;

/** One line of the thread manager's table, formatted for the console. */
record ThreadRow(long id, String name, String kind, String startedBy, String startedAt, String elapsed, String state,
                 String stateCode, String step, Integer progress, String waitingFor, boolean exclusive,
                 boolean critical, boolean unresponsive, boolean active, String error) {

    static ThreadRow of(WorkSnapshot s, ZoneId zone) {
        return new ThreadRow(s.id(), s.name(), s.kind().ru(), s.startedBy(),
                Times.shown(s.startedAt(), zone),
                format(s.elapsed()), s.state().ru(), s.state().name(), s.step(), s.progress(), s.waitingFor(),
                s.exclusive(), s.critical(), s.unresponsive(), !s.state().finished() && !s.system(), s.error());
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
