package ru.ksamu.server.update;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.release.Channel;
import ru.ksamu.server.installation.InstallationStore;

/** {@code /api/v1/update}: the installed version and what the cloud offers; checking needs the admin password. */
@RestController
@RequestMapping("/api/v1/update")
class UpdateController {

    private final UpdateChecker checker;
    private final InstallationStore installation;

    UpdateController(UpdateChecker checker, InstallationStore installation) {
        this.checker = checker;
        this.installation = installation;
    }

    @GetMapping
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installedVersion", installation.get().installedVersion().map(Object::toString).orElse(null));
        m.put("channels", List.of(checker.state(Channel.STABLE), checker.state(Channel.TEST)));
        return m;
    }

    /** Checks both channels now (regions as configured). */
    @PostMapping("/check")
    Map<String, Object> check() {
        checker.check(Channel.STABLE, false);
        checker.check(Channel.TEST, false);
        return state();
    }
}
