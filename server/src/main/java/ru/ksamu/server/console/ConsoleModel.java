package ru.ksamu.server.console;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import ru.ksamu.server.auth.AdminAccount;
import ru.ksamu.server.auth.ViewPolicy;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.time.Times;

/** What every console page shows in its header: who is signed in, and the default-password warning. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final AdminAccount account;
    private final Maintenance maintenance;
    private final Clock clock;
    private final ViewPolicy views;

    ConsoleModel(AdminAccount account, Maintenance maintenance, Clock clock,
                 ViewPolicy views) {
        this.account = account;
        this.views = views;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /** A major update in progress, for the banner on every tab (null when none). */
    @ModelAttribute("maintenance")
    MaintenanceBanner maintenance() {
        boolean cancelling = maintenance.cancelling();
        return maintenance.active().map(s -> new MaintenanceBanner(cancelling ? "CANCELLING" : s.phase().name(),
                s.operation().name(), s.version(), s.deadline() == null ? null : s.deadline().toString(),
                s.deadline() == null ? null : Times.shown(s.deadline(), clock.getZone()))).orElse(null);
    }

    /**
     * The banner's data: phase (COUNTDOWN, CANCELLING once a cancel is accepted, LOCKED), operation (UPDATE, RESTORE), the version (or the
     * backup's file), the deadline as ISO-8601 and as shown.
     */
    record MaintenanceBanner(String phase, String operation, String version, String deadlineIso, String deadlineShown) {
    }

    @ModelAttribute("signedIn")
    boolean signedIn() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }

    /** The tabs an anonymous viewer may not open (marked in the menu); empty once signed in. */
    @ModelAttribute("closedTabs")
    Set<String> closedTabs() {
        if (signedIn()) {
            return Set.of();
        }
        return views.loginToView().stream().map(Enum::name).collect(Collectors.toSet());
    }

    @ModelAttribute("defaultPassword")
    boolean defaultPassword() {
        return account.isDefault();
    }
}
