package ru.ksamu.server.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Durations;
import ru.ksamu.server.clients.ClientDistribution;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.update.CloudSettings;
import ru.ksamu.server.update.UpdateBusyException;
import ru.ksamu.server.update.UpdateChecker;
import ru.ksamu.server.update.UpdateEngine;
import ru.ksamu.server.update.UpdateJournal;
import ru.ksamu.server.update.UpdateSettings;

/** "Обновление": the installed version, the newest stable and test releases, the last check. */
@Controller
class ConsoleUpdateController {

    private final UpdateChecker checker;
    private final InstallationStore installation;
    private final UpdateSettings settings;
    private final Clock clock;
    private final UpdateJournal journal;
    private final ClientDistribution clients;
    private final UpdateEngine engine;
    private final CloudSettings cloud;
    private final MessageSource messages;

    ConsoleUpdateController(UpdateChecker checker, InstallationStore installation, UpdateSettings settings, Clock clock,
                            UpdateJournal journal, ClientDistribution clients, UpdateEngine engine, CloudSettings cloud,
                            MessageSource messages) {
        this.messages = messages;
        this.engine = engine;
        this.cloud = cloud;
        this.checker = checker;
        this.installation = installation;
        this.settings = settings;
        this.clock = clock;
        this.journal = journal;
        this.clients = clients;
    }

    @GetMapping("/update")
    String page(Model model, Locale locale) {
        model.addAttribute("installedVersion", installation.get().installedVersion().map(Object::toString).orElse(null));
        model.addAttribute("hubUrl", cloud.hubUrl());
        model.addAttribute("region", cloud.region());
        model.addAttribute("channels", List.of(checker.state(Channel.STABLE), checker.state(Channel.TEST)).stream()
                .map(s -> new Row(s, Times.shown(s.checkedAt(), clock.getZone()))).toList());
        model.addAttribute("clientVersion", clients.current().map(c -> c.version().toString()).orElse(null));
        model.addAttribute("jobs", journal.latest(20).stream()
                .map(j -> new JobRow(j, Times.shown(j.startedAt(), clock.getZone()), lasted(j.lockedMs(), locale),
                        lasted(j.migrationMs(), locale), lasted(j.recoveryMs(), locale))).toList());
        return "update";
    }

    /** The countdown / lock banner alone, re-read by every tab (data from {@link ConsoleModel}). */
    @GetMapping("/banner")
    String banner() {
        return "banner :: banner";
    }

    /** Отменить обратный отсчёт (the banner on every tab). */
    @PostMapping("/update/cancel")
    String cancel(Principal who, RedirectAttributes flash, Locale locale) {
        Maintenance.CancelAnswer answer = engine.cancelCountdown(who.getName());
        boolean cancelled = answer == Maintenance.CancelAnswer.CANCELLING;
        flash.addFlashAttribute(cancelled ? "flash" : "flashError", Lang.of(answer.russian(), answer.english(), locale));
        return "redirect:/update";
    }

    /** Выполнить обновление из тестового репозитория (Технические работы): starts it and shows the thread manager. */
    @PostMapping("/maintenance/test-update")
    String testUpdate(Principal who, RedirectAttributes flash, Locale locale) {
        try {
            long id = engine.updateFromTest(who.getName());
            flash.addFlashAttribute("flash", messages.getMessage("maintenance.testUpdate.started",
                    new Object[] {String.valueOf(id)}, locale));
            return "redirect:/threads";
        } catch (UpdateBusyException e) {
            flash.addFlashAttribute("flashError", Lang.of(e, locale));
            return "redirect:/maintenance";
        }
    }

    @PostMapping("/update/check")
    String check(RedirectAttributes flash, Locale locale) {
        checker.check(Channel.STABLE, false);
        checker.check(Channel.TEST, false);
        flash.addFlashAttribute("flash", messages.getMessage("update.checked.done", null, locale));
        return "redirect:/update";
    }

    /**
     * A journal row with its start time formatted (its kind is named by the bundle's {@code update.kind.<KIND>}),
     * and a major update's lock window (locked for, of which the migration and the recovery point), null when
     * the base was not locked.
     */
    record JobRow(UpdateJournal.Job job, String startedAt, String lockedFor, String migration, String recovery) {
    }

    private static String lasted(Long millis, Locale locale) {
        return millis == null ? null : Durations.lasted(Duration.ofMillis(millis), Lang.russian(locale));
    }

    /** A channel with its check time formatted. */
    record Row(UpdateChecker.ChannelState state, String checkedAt) {
    }
}
