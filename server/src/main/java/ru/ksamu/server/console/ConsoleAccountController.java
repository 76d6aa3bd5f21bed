package ru.ksamu.server.console;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.server.auth.AdminAccount;
import ru.ksamu.server.auth.ViewPolicy;
import ru.ksamu.server.update.CloudSettings;

/** Sign-in page and "Настройки": the admin password, the cloud, and which tabs need a sign-in to view. */
@Controller
class ConsoleAccountController {

    private final AdminAccount account;
    private final CloudSettings cloud;
    private final ViewPolicy views;
    private final MessageSource messages;

    ConsoleAccountController(AdminAccount account, CloudSettings cloud, ViewPolicy views, MessageSource messages) {
        this.messages = messages;
        this.account = account;
        this.cloud = cloud;
        this.views = views;
    }

    /** The sign-in form; {@code locked} is how many seconds the throttle still refuses this address. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) Long locked, Model model) {
        if (locked != null) {
            long s = Math.max(1, Math.min(locked, 24 * 3600));
            model.addAttribute("lockedMinutes", s / 60);
            model.addAttribute("lockedSeconds", s % 60);
        }
        return "login";
    }

    /** The new password asked for before anything else while the article's default is in use. */
    @GetMapping("/password")
    String passwordForm() {
        return account.isDefault() ? "password" : "redirect:/";
    }

    @PostMapping("/password")
    String setFirstPassword(@RequestParam String current, @RequestParam String next, @RequestParam String repeat,
                            Model model, RedirectAttributes flash, Locale locale) {
        try {
            if (!next.equals(repeat)) {
                model.addAttribute("flashError", messages.getMessage("password.mismatch", null, locale));
                return "password";
            }
            account.changePassword(current, next);
            flash.addFlashAttribute("flash", messages.getMessage("password.changed", null, locale));
            return "redirect:/";
        } catch (AdminAccount.PasswordRefused e) {
            model.addAttribute("flashError", Lang.of(e, locale));
            return "password";
        }
    }

    @GetMapping("/settings")
    String settings(Model model) {
        CloudSettings.Cloud now = cloud.current();
        model.addAttribute("cloud", now);
        model.addAttribute("hubUrlTyped", now.hubUrlChanged() ? now.hubUrl() : "");
        model.addAttribute("regionTyped", now.regionChanged() ? now.region() : "");
        model.addAttribute("cloudErrors", Map.of());
        model.addAttribute("areas", ViewPolicy.Area.values());
        model.addAttribute("loginToView", views.loginToView());
        return "settings";
    }

    /** Просмотр: the tabs that need the admin password even to look at (none by default, as in the article). */
    @PostMapping("/settings/view")
    String changeViewing(@RequestParam(name = "area", required = false) List<String> areas, RedirectAttributes flash,
                         Locale locale) {
        Set<ViewPolicy.Area> chosen = EnumSet.noneOf(ViewPolicy.Area.class);
        for (String a : areas == null ? List.<String>of() : areas) {
            try {
                chosen.add(ViewPolicy.Area.valueOf(a));
            } catch (IllegalArgumentException e) {
                flash.addFlashAttribute("flashError", messages.getMessage("settings.view.unknown", new Object[] {a}, locale));
                return "redirect:/settings";
            }
        }
        Set<ViewPolicy.Area> now = views.change(chosen);
        flash.addFlashAttribute("flash", now.isEmpty() ? messages.getMessage("settings.view.allOpen", null, locale)
                : messages.getMessage("settings.view.closed", new Object[] {now.stream()
                        .map(area -> Lang.of(area.titleRu(), area.titleEn(), locale)).collect(Collectors.joining(", "))},
                        locale));
        return "redirect:/settings";
    }

    /** Облако: the hub URL and the region code (blank = the configuration file's value). */
    @PostMapping("/settings/cloud")
    String changeCloud(@RequestParam(defaultValue = "") String hubUrl, @RequestParam(defaultValue = "") String region,
                       RedirectAttributes flash, Model model, Locale locale) {
        Map<String, InvalidSettingException> refused = cloud.check(hubUrl, region);
        if (!refused.isEmpty()) {
            // the page again, not a redirect: each message next to its field, what was typed kept
            settings(model);
            model.addAttribute("hubUrlTyped", hubUrl);
            model.addAttribute("regionTyped", region);
            Map<String, String> errors = new LinkedHashMap<>();
            refused.forEach((field, e) -> errors.put(field, messages.getMessage("settings.cloud.invalid",
                    new Object[] {e.value(), Lang.of(e.reasonRu(), e.reasonEn(), locale), e.key()}, locale)));
            model.addAttribute("cloudErrors", errors);
            model.addAttribute("flashError", messages.getMessage("settings.cloud.notSaved", null, locale));
            return "settings";
        }
        CloudSettings.Cloud now = cloud.change(hubUrl, region);
        flash.addFlashAttribute("flash", now.region().isEmpty()
                ? messages.getMessage("settings.cloud.saved.noRegion", new Object[] {now.hubUrl()}, locale)
                : messages.getMessage("settings.cloud.saved", new Object[] {now.hubUrl(), now.region()}, locale));
        return "redirect:/settings";
    }

    @PostMapping("/settings/password")
    String changePassword(@RequestParam String current, @RequestParam String next, @RequestParam String repeat,
                          RedirectAttributes flash, Locale locale) {
        try {
            if (!next.equals(repeat)) {
                flash.addFlashAttribute("flashError", messages.getMessage("password.mismatch", null, locale));
                return "redirect:/settings";
            }
            account.changePassword(current, next);
            flash.addFlashAttribute("flash", messages.getMessage("password.changed", null, locale));
        } catch (AdminAccount.PasswordRefused e) {
            flash.addFlashAttribute("flashError", Lang.of(e, locale));
        }
        return "redirect:/settings";
    }
}
