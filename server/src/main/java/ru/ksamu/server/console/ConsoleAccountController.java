package ru.ksamu.server.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.ksamu.server.auth.AdminAccount;

/** Sign-in page and "Настройки": the admin password change. */
@Controller
class ConsoleAccountController {

    private final AdminAccount account;
    private final ru.ksamu.server.update.CloudSettings cloud;

    ConsoleAccountController(AdminAccount account, ru.ksamu.server.update.CloudSettings cloud) {
        this.account = account;
        this.cloud = cloud;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/settings")
    String settings(org.springframework.ui.Model model) {
        model.addAttribute("cloud", cloud.current());
        return "settings";
    }

    /** Облако: the hub URL and the region code (blank = the configuration file's value). */
    @PostMapping("/settings/cloud")
    String changeCloud(@RequestParam(defaultValue = "") String hubUrl, @RequestParam(defaultValue = "") String region,
                       RedirectAttributes flash) {
        try {
            ru.ksamu.server.update.CloudSettings.Cloud now = cloud.change(hubUrl, region);
            flash.addFlashAttribute("flash", "Настройки облака сохранены: " + now.hubUrl()
                    + (now.region().isEmpty() ? ", регион не задан" : ", регион " + now.region()));
        } catch (ru.ksamu.platform.InvalidSettingException e) {
            flash.addFlashAttribute("flashError", "Настройки облака не сохранены: " + e.getMessage());
        }
        return "redirect:/settings";
    }

    @PostMapping("/settings/password")
    String changePassword(@RequestParam String current, @RequestParam String next, @RequestParam String repeat,
                          RedirectAttributes flash) {
        try {
            if (!next.equals(repeat)) {
                throw new IllegalArgumentException("Новый пароль и повтор не совпадают");
            }
            account.changePassword(current, next);
            flash.addFlashAttribute("flash", "Пароль администратора изменён");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/settings";
    }
}
