package ru.ksamu.server.console;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.release.Channel;
import ru.ksamu.server.Times;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.update.UpdateChecker;
import ru.ksamu.server.update.UpdateSettings;

/** "Обновление": the installed version, the newest stable and test releases, the last check. */
@Controller
class ConsoleUpdateController {

    private final UpdateChecker checker;
    private final InstallationStore installation;
    private final UpdateSettings settings;
    private final Clock clock;

    ConsoleUpdateController(UpdateChecker checker, InstallationStore installation, UpdateSettings settings, Clock clock) {
        this.checker = checker;
        this.installation = installation;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/update")
    String page(Model model) {
        model.addAttribute("installedVersion", installation.get().installedVersion().map(Object::toString).orElse(null));
        model.addAttribute("hubUrl", settings.hubUrl());
        model.addAttribute("region", settings.region());
        model.addAttribute("channels", List.of(checker.state(Channel.STABLE), checker.state(Channel.TEST)).stream()
                .map(s -> new Row(s, Times.shown(s.checkedAt(), clock.getZone()))).toList());
        return "update";
    }

    @PostMapping("/update/check")
    String check(RedirectAttributes flash) {
        checker.check(Channel.STABLE, false);
        checker.check(Channel.TEST, false);
        flash.addFlashAttribute("flash", "Проверка обновлений выполнена");
        return "redirect:/update";
    }

    /** A channel with its check time formatted. */
    record Row(UpdateChecker.ChannelState state, String checkedAt) {
    }
}
