package ru.ksamu.server.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import ru.ksamu.server.auth.AdminAccount;

/** What every console page shows in its header: who is signed in, and the default-password warning. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final AdminAccount account;

    ConsoleModel(AdminAccount account) {
        this.account = account;
    }

    @ModelAttribute("signedIn")
    boolean signedIn() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }

    @ModelAttribute("defaultPassword")
    boolean defaultPassword() {
        return account.isDefault();
    }
}
