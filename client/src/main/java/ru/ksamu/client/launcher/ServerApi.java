package ru.ksamu.client.launcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.client.WorkstationToken;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.download.BoundedBody;
import ru.ksamu.release.download.ResumableDownload;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's client API as the launcher uses it: the manifest, the files by hash, and the
 * workstation's registration. Every body is read bounded and stall-checked ({@link BoundedBody}).
 */
final class ServerApi {

    /** The largest manifest answer the launcher reads: 16 MiB (a release of 100 000 files lists in about 15). */
    static final long MAX_MANIFEST_BYTES = 16L << 20;
    /** The largest answer of anything else (errors, registration): 64 KiB. */
    static final long MAX_SMALL_BYTES = 64L << 10;

    /** What asking for the manifest gave. */
    sealed interface ManifestAnswer permits Current, NotInstalled, Maintenance, Unreachable {
    }

    /** The server's current client, not yet verified. */
    record Current(ClientManifest manifest) implements ManifestAnswer {
    }

    /** 404 NOT_INSTALLED: the server has no KSAMU version yet. */
    record NotInstalled() implements ManifestAnswer {
    }

    /** 503: the server is updating; ask again after {@code retryAfterSeconds}. */
    record Maintenance(String message, int retryAfterSeconds) implements ManifestAnswer {
    }

    /** No answer, or an answer that is not the contract; {@code reason} is for people. */
    record Unreachable(String reason) implements ManifestAnswer, WorkstationAnswer, RegisterAnswer {
    }

    /** What asking {@code GET /api/v1/client/workstation} with a token gave. */
    sealed interface WorkstationAnswer permits Known, Rejected, Unreachable {
    }

    /** The token is valid: the server knows this workstation under {@code name}. */
    record Known(String workstationId, String name) implements WorkstationAnswer {
    }

    /** 401: the token is unknown to the server or was revoked ({@code code} says which). */
    record Rejected(String code, String message) implements WorkstationAnswer {
    }

    /** What {@code POST /api/v1/client/register} gave. */
    sealed interface RegisterAnswer permits Registered, Refused, Unreachable {
    }

    /** 201: the workstation is registered; keep the token. */
    record Registered(String workstationId, String name, WorkstationToken token) implements RegisterAnswer {
    }

    /** 403 WRONG_ENROLLMENT_CODE, 429 THROTTLED (with its Retry-After) or 400 INVALID_ARGUMENT. */
    record Refused(int status, String code, String message, int retryAfterSeconds) implements RegisterAnswer {
    }

    private final ServerAccess access;
    private final Texts texts;
    private final HttpClient http;

    ServerApi(ServerAccess access, Texts texts) {
        this.access = access;
        this.texts = texts;
        this.http = access.newClient();
    }

    String base() {
        return access.base();
    }

    ManifestAnswer manifest() {
        HttpRequest req;
        try {
            req = access.request("/api/v1/client/manifest").header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            return new Unreachable(e.getMessage());
        }
        Exchange r = exchange(req, MAX_MANIFEST_BYTES);
        if (r.failure() != null) {
            return new Unreachable(r.failure());
        }
        try {
            if (r.status() == 503) {
                return new Maintenance(message(r.body()), r.retryAfter());
            }
            if (r.status() == 404 && "NOT_INSTALLED".equals(field(r.body(), "code"))) {
                return new NotInstalled();
            }
            if (r.status() != 200) {
                return new Unreachable("HTTP " + r.status());
            }
            JsonNode n = JsonMapper.shared().readTree(r.body());
            List<ClientManifest.FileRef> files = new ArrayList<>();
            JsonNode list = n.path("files");
            for (int i = 0; i < list.size(); i++) {
                JsonNode f = list.get(i);
                files.add(new ClientManifest.FileRef(f.path("path").asString(), f.path("size").asLong(-1),
                        f.path("sha256").asString()));
            }
            return new Current(new ClientManifest(n.path("version").asString(), files,
                    Base64.getDecoder().decode(n.path("manifest").asString()), n.path("manifestSignature").asString()));
        } catch (JacksonException | IllegalArgumentException e) {
            return new Unreachable(texts.get("net.malformed", e.getMessage()));
        }
    }

    /**
     * Downloads one file by hash into {@code part}, resuming from its current length with Range
     * ({@link ResumableDownload#transfer}); {@code progress} gets the bytes added. The part never
     * grows past {@code size}: a server that sends more is cut off at the first byte too many
     * ({@link BoundedBody.TooLarge} or {@link SizeMismatchException}, the part deleted). A stall
     * throws {@link BoundedBody.Stalled} and keeps what came, for the next start to resume. The
     * caller verifies the result.
     */
    void download(String sha256, long size, Path part, LongConsumer progress) throws IOException, InterruptedException {
        ResumableDownload.Transport transport = ResumableDownload.over(http,
                () -> access.request("/api/v1/client/files/" + sha256), access.timeouts().read());
        ResumableDownload.transfer(new ResumableDownload.Wanted(sha256, size, sha256), part, transport, progress::accept);
    }

    /** Asks whether the server knows this workstation's token. */
    WorkstationAnswer workstation(WorkstationToken token) {
        HttpRequest req = access.withToken(Optional.of(token)).request("/api/v1/client/workstation")
                .header("Accept", "application/json").GET().build();
        Exchange r = exchange(req, MAX_SMALL_BYTES);
        if (r.failure() != null) {
            return new Unreachable(r.failure());
        }
        if (r.status() == 200) {
            return new Known(field(r.body(), "workstationId"), field(r.body(), "name"));
        }
        if (r.status() == 401) {
            return new Rejected(field(r.body(), "code"), message(r.body()));
        }
        return new Unreachable("HTTP " + r.status());
    }

    /** Registers this workstation with the enrollment code the admin sees on the Клиенты tab. */
    RegisterAnswer register(String code, String name, String user) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("name", name);
        json.put("user", user);
        HttpRequest req = access.withToken(Optional.empty()).request("/api/v1/client/register")
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(json))).build();
        Exchange r = exchange(req, MAX_SMALL_BYTES);
        if (r.failure() != null) {
            return new Unreachable(r.failure());
        }
        if (r.status() == 201 || r.status() == 200) {
            Optional<WorkstationToken> token = WorkstationToken.parse(field(r.body(), "token"));
            return token.<RegisterAnswer>map(t -> new Registered(field(r.body(), "workstationId"), field(r.body(), "name"), t))
                    .orElseGet(() -> new Unreachable(texts.get("net.noToken")));
        }
        if (r.status() == 403 || r.status() == 429 || r.status() == 400) {
            return new Refused(r.status(), field(r.body(), "code"), message(r.body()), r.retryAfter());
        }
        return new Unreachable("HTTP " + r.status());
    }

    /** One request and its whole body (at most {@code max} bytes for a 2xx answer, 64 KiB else), or why not. */
    private record Exchange(int status, String body, int retryAfter, String failure) {
    }

    private Exchange exchange(HttpRequest req, long max) {
        try {
            HttpResponse<BoundedBody> r = http.send(req, BoundedBody.handler(access.timeouts().read()));
            try (BoundedBody body = r.body()) {
                String text = body.text(r.statusCode() / 100 == 2 ? max : MAX_SMALL_BYTES);
                String wrong = ProxyAnswers.refusal(access.proxy(), r, text, texts);
                return new Exchange(r.statusCode(), text, retryAfter(r), wrong);
            }
        } catch (IOException e) {
            return new Exchange(0, "", 0, ProxyAnswers.reason(access.proxy(), e, texts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(0, "", 0, texts.get("net.interrupted"));
        }
    }

    static int retryAfter(HttpResponse<?> r) {
        try {
            return Math.max(1, Integer.parseInt(r.headers().firstValue("Retry-After").orElse("10").strip()));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    /** A refusal's text in the launcher's language: {@code messageEn} in English when the server gave one. */
    private String message(String body) {
        return texts.pick(field(body, "message"), field(body, "messageEn"));
    }

    static String field(String json, String name) {
        try {
            return JsonMapper.shared().readTree(json).path(name).asString("");
        } catch (JacksonException e) {
            return "";
        }
    }
}
