package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/account/password}: the admin changes the password through the API (the first
 * thing after the default): {@code {"current", "next"}}, at most {@link #MAX_BODY} bytes.
 */
@RestController
class AccountController {

    static final int MAX_BODY = 4096;

    private final AdminAccount account;

    AccountController(AdminAccount account) {
        this.account = account;
    }

    @PostMapping(PasswordChangeFilter.API_CHANGE)
    ResponseEntity<Map<String, Object>> change(HttpServletRequest request) throws IOException {
        JsonNode body = SmallJson.read(request, MAX_BODY);
        if (body == null) {
            throw new ProblemException(ServerProblem.INVALID_ARGUMENT.problem("Нужен JSON {current, next} не больше "
                    + MAX_BODY + " байт", "expected a JSON object {current, next} of at most " + MAX_BODY + " bytes"));
        }
        // a refusal is AdminAccount.PasswordRefused: 400 INVALID_PASSWORD with both languages' reasons
        account.changePassword(SmallJson.text(body, "current"), SmallJson.text(body, "next"));
        return ResponseEntity.ok(Map.of("changed", true));
    }
}
