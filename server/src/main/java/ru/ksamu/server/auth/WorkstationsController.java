package ru.ksamu.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;
import tools.jackson.databind.JsonNode;

/**
 * Workstations of the clinic program: a launcher registers with the enrollment code
 * ({@code POST /api/v1/client/register}, open, throttled like a password), asks who it is
 * ({@code GET /api/v1/client/workstation}, its token); the admin lists and revokes them and reads
 * or renews the code ({@code /api/v1/clients/...}).
 */
@RestController
class WorkstationsController {

    /** Largest registration body: a code, a name and a user name fit many times over. */
    static final int MAX_REGISTRATION = 4096;

    private final Workstations workstations;
    private final LoginThrottle throttle;

    WorkstationsController(Workstations workstations, LoginThrottle throttle) {
        this.workstations = workstations;
        this.throttle = throttle;
    }

    @PostMapping(WorkstationTokenFilter.REGISTER)
    ResponseEntity<Map<String, Object>> register(HttpServletRequest request) throws IOException {
        JsonNode body = SmallJson.read(request, MAX_REGISTRATION);
        if (body == null) {
            throw new ProblemException(ServerProblem.INVALID_ARGUMENT.problem("Нужен JSON {code, name, user} не больше "
                    + MAX_REGISTRATION + " байт", "expected a JSON object {code, name, user} of at most " + MAX_REGISTRATION + " bytes"));
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.acquire(address, "enrollment-code");
        if (wait.isPresent()) {
            long s = LoginThrottle.seconds(wait.get());
            throw new ProblemException(ServerProblem.THROTTLED.problem("Слишком много неверных кодов подключения, повторите через "
                    + LoginThrottle.russian(wait.get()), "too many wrong enrollment codes, try again in " + s + " s").withRetryAfter(s));
        }
        if (!workstations.codeMatches(SmallJson.text(body, "code"))) {
            throw new ProblemException(ServerProblem.WRONG_ENROLLMENT_CODE.problem("Неверный код подключения: его показывает"
                    + " администратор во вкладке «Клиенты»", "wrong enrollment code: the admin sees it on the Clients tab"));
        }
        throttle.succeeded(address, "enrollment-code");
        Workstations.Registered r = workstations.register(SmallJson.text(body, "name"), SmallJson.text(body, "user"), address);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workstationId", r.workstation().id());
        out.put("name", r.workstation().name());
        out.put("token", r.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @GetMapping(WorkstationTokenFilter.WHO_AM_I)
    Map<String, Object> whoAmI(@AuthenticationPrincipal Workstations.Workstation me) {
        return Map.of("workstationId", me.id(), "name", me.name());
    }

    @GetMapping("/api/v1/clients/workstations")
    List<Workstations.Workstation> list() {
        return workstations.list();
    }

    @PostMapping("/api/v1/clients/workstations/{id}/revoke")
    ResponseEntity<Map<String, Object>> revoke(@PathVariable String id) {
        if (!workstations.revoke(id)) {
            throw new ProblemException(ServerProblem.NOT_FOUND.problem("Нет рабочего места " + id, "no workstation " + id));
        }
        return ResponseEntity.ok(Map.of("revoked", id));
    }

    @GetMapping("/api/v1/clients/enrollment-code")
    Map<String, Object> code() {
        return Map.of("code", workstations.enrollmentCode());
    }

    @PostMapping("/api/v1/clients/enrollment-code")
    Map<String, Object> newCode() {
        return Map.of("code", workstations.newEnrollmentCode());
    }
}
