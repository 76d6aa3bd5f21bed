package ru.ksamu.server.auth;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/account/password}: the admin changes the password through the API (the first thing after the default). */
@RestController
class AccountController {

    private final AdminAccount account;

    AccountController(AdminAccount account) {
        this.account = account;
    }

    /** The current password (checked again, as the console form does) and the new one. */
    record PasswordChange(String current, String next) {
    }

    @PostMapping(PasswordChangeFilter.API_CHANGE)
    ResponseEntity<Map<String, Object>> change(@RequestBody PasswordChange change) {
        try {
            account.changePassword(change.current(), change.next());
            return ResponseEntity.ok(Map.of("changed", true));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("code", "INVALID_PASSWORD", "message", e.getMessage()));
        }
    }
}
