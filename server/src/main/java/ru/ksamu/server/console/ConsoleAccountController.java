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

    ConsoleAccountController(AdminAccount account) {
        this.account = account;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/settings")
    String settings() {
        return "settings";
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
