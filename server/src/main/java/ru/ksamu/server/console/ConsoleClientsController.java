package ru.ksamu.server.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.server.auth.Workstations;
import ru.ksamu.server.clients.ClientDistribution;
import ru.ksamu.server.clients.ClientEvents;
import ru.ksamu.server.time.Times;

/**
 * "Клиенты": the workstations connected now and their client versions; the registered
 * workstations (who may read the clinic's data through the MIS API) with a "revoke" button; and,
 * for the signed-in admin only, the enrollment code a new workstation registers with.
 */
@Controller
class ConsoleClientsController {

    private final ClientEvents events;
    private final ClientDistribution clients;
    private final Workstations workstations;
    private final Clock clock;
    private final MessageSource messages;

    ConsoleClientsController(ClientEvents events, ClientDistribution clients, Workstations workstations, Clock clock,
                             MessageSource messages) {
        this.messages = messages;
        this.events = events;
        this.clients = clients;
        this.workstations = workstations;
        this.clock = clock;
    }

    @GetMapping("/clients")
    String page(Model model) {
        String current = clients.current().map(c -> c.version().toString()).orElse(null);
        model.addAttribute("clientVersion", current);
        model.addAttribute("clients", events.sessions().stream()
                .map(s -> new Row(s, shown(s.connectedAt()), current != null && !current.equals(s.version())))
                .toList());
        model.addAttribute("workstations", workstations.list().stream()
                .map(w -> new WorkstationRow(w, shown(w.registeredAt()), shown(w.lastSeenAt()), shown(w.revokedAt())))
                .toList());
        if (Boolean.TRUE.equals(model.getAttribute("signedIn"))) {
            model.addAttribute("enrollmentCode", workstations.enrollmentCode());
        }
        return "clients";
    }

    @PostMapping("/clients/workstations/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes flash, Locale locale) {
        if (workstations.revoke(id)) {
            flash.addFlashAttribute("flash", messages.getMessage("clients.revoked", null, locale));
        } else {
            flash.addFlashAttribute("flashError", messages.getMessage("clients.noSuchWorkstation", null, locale));
        }
        return "redirect:/clients";
    }

    @PostMapping("/clients/enrollment-code")
    String newCode(RedirectAttributes flash, Locale locale) {
        workstations.newEnrollmentCode();
        flash.addFlashAttribute("flash", messages.getMessage("clients.newCode", null, locale));
        return "redirect:/clients";
    }

    private String shown(Instant i) {
        return Times.shown(i, clock.getZone());
    }

    /** A session with its connection time formatted, and whether its version is behind the current one. */
    record Row(ClientEvents.SessionView session, String since, boolean outdated) {
    }

    /** A registered workstation with its times formatted. */
    record WorkstationRow(Workstations.Workstation workstation, String registered, String lastSeen, String revoked) {
    }
}
