package ru.ksamu.client.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import ru.ksamu.client.Texts;
import ru.ksamu.client.WorkstationToken;
import ru.ksamu.release.files.AtomicFiles;

/**
 * The workstation's access to the server's MIS API: the token in {@code <data>/workstation.token}
 * (owner-only), checked with the server at start; a token the server does not accept (401), or
 * none, is replaced by registering with the enrollment code when one is given. Nothing here stops
 * the program from starting: without a token it starts all the same and tells the user, on its
 * first 401, what to do. The token never appears in a line or a window.
 */
final class Enrollment {

    /** The token file inside the launcher's folder. */
    static final String TOKEN_FILE = "workstation.token";
    /** The server takes names of 1 to 100 printable characters. */
    static final int MAX_NAME = 100;

    /**
     * What the program gets.
     *
     * @param token  the token to hand to the program, if any
     * @param notice what the user should still see in the program (a refused registration), or null
     */
    record Outcome(Optional<WorkstationToken> token, String notice) {
    }

    private final ServerApi api;
    private final Path tokenFile;
    private final Optional<String> code;
    private final String name;
    private final String user;
    private final Texts t;
    private final LauncherUi ui;

    Enrollment(ServerApi api, Path data, Optional<String> code, String host, String user, Texts texts, LauncherUi ui) {
        this.api = api;
        this.tokenFile = data.resolve(TOKEN_FILE);
        this.code = code.map(String::strip).filter(c -> !c.isEmpty());
        this.name = workstationName(host);
        this.user = user;
        this.t = texts;
        this.ui = ui;
    }

    /** The token this launcher keeps, without asking the server (for a start while it is unreachable). */
    Optional<WorkstationToken> stored() {
        if (!Files.isRegularFile(tokenFile)) {
            return Optional.empty();
        }
        try {
            return WorkstationToken.parse(Files.readString(tokenFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            ui.say(t.get("launcher.workstation.unreadable", tokenFile, t.reason(e)));
            return Optional.empty();
        }
    }

    /** Checks the kept token with the server, registers when needed and possible; never throws. */
    Outcome run() {
        Optional<WorkstationToken> token = stored();
        if (token.isPresent()) {
            ServerApi.WorkstationAnswer a = api.workstation(token.get());
            if (a instanceof ServerApi.Known k) {
                ui.say(t.get("launcher.workstation.connected", k.name().isBlank() ? name : k.name()));
                return new Outcome(token, null);
            }
            if (a instanceof ServerApi.Unreachable u) {
                ui.say(t.get("launcher.workstation.checkFailed", u.reason()));
                return new Outcome(token, null); // the server may be back by the time the program asks
            }
            ServerApi.Rejected r = (ServerApi.Rejected) a;
            ui.say(t.get("WORKSTATION_REVOKED".equals(r.code()) ? "launcher.workstation.revoked" : "launcher.workstation.unknown"));
        }
        if (code.isEmpty()) {
            String text = t.get("launcher.workstation.noCode");
            ui.say(text);
            return new Outcome(Optional.empty(), null); // the program says it again on its first 401
        }
        return register();
    }

    private Outcome register() {
        ServerApi.RegisterAnswer a = api.register(code.get(), name, user);
        if (a instanceof ServerApi.Registered r) {
            try {
                AtomicFiles.writeOwnerOnly(tokenFile, r.token().secret() + "\n");
            } catch (IOException e) {
                ui.say(t.get("launcher.workstation.saveFailed", tokenFile, t.reason(e)));
            }
            ui.say(t.get("launcher.workstation.registered", r.name().isBlank() ? name : r.name()));
            return new Outcome(Optional.of(r.token()), null);
        }
        String text;
        if (a instanceof ServerApi.Refused r) {
            String why = r.message().isBlank() ? r.code() : r.message();
            text = switch (r.status()) {
                case 403 -> t.get("launcher.enroll.wrongCode", why);
                case 429 -> t.get("launcher.enroll.throttled", r.retryAfterSeconds());
                default -> t.get("launcher.enroll.invalid", why);
            };
        } else {
            text = t.get("launcher.enroll.failed", ((ServerApi.Unreachable) a).reason());
        }
        ui.say(text);
        return new Outcome(Optional.empty(), text);
    }

    /** The host name as the server takes it: printable, 1 to {@value #MAX_NAME} characters. */
    static String workstationName(String host) {
        String n = host == null ? "" : host.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (n.codePointCount(0, n.length()) > MAX_NAME) {
            n = n.substring(0, n.offsetByCodePoints(0, MAX_NAME)).strip();
        }
        return n.isEmpty() ? "workstation" : n;
    }
}
