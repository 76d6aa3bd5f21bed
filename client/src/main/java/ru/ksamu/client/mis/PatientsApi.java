package ru.ksamu.client.mis;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.release.download.BoundedBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient list of the main base, read through {@code GET /api/v1/mis/patients} with the
 * workstation's token: {@code {"columns":[...],"rows":[[...],...]}} with every column of the table
 * in order, 404 {@code NO_TABLE} without the table, 503 with {@code Retry-After} while the base is
 * locked, 401 when the workstation has no valid token. The answer is read bounded
 * ({@value #MAX_LIST_BYTES} bytes, errors 64 KiB) and stall-checked with the read timeout.
 */
final class PatientsApi {

    /** The largest patient list the program reads: 16 MiB. */
    public static final long MAX_LIST_BYTES = 16L << 20;
    /** The largest error answer: 64 KiB. */
    static final long MAX_ERROR_BYTES = 64L << 10;

    public sealed interface Answer permits Table, NoTable, Locked, NotConnected, Failed {
    }

    /** The table: column names and rows as text ({@code null} as empty). */
    public record Table(List<String> columns, List<List<String>> rows) implements Answer {
    }

    public record NoTable() implements Answer {
    }

    public record Locked(String message, int retryAfterSeconds) implements Answer {
    }

    /**
     * 401: the workstation is not registered with the server or its access was revoked
     * ({@code WORKSTATION_NOT_REGISTERED}, {@code WORKSTATION_REVOKED}).
     */
    public record NotConnected(String code) implements Answer {
    }

    /** No answer, or another status (e.g. a server without this endpoint: 404 without NO_TABLE); {@code reason} is for people. */
    public record Failed(int status, String reason) implements Answer {
    }

    private final ServerAccess access;
    private final Texts texts;
    private final HttpClient http;

    public PatientsApi(ServerAccess access, Texts texts) {
        this.access = access;
        this.texts = texts;
        this.http = access.newClient();
    }

    public Answer load() {
        int status;
        String text;
        int retryAfter;
        try {
            HttpResponse<BoundedBody> r = http.send(access.request("/api/v1/mis/patients")
                    .header("Accept", "application/json").GET().build(), BoundedBody.handler(access.timeouts().read()));
            try (BoundedBody b = r.body()) {
                status = r.statusCode();
                text = b.text(status == 200 ? MAX_LIST_BYTES : MAX_ERROR_BYTES);
            }
            retryAfter = retryAfter(r.headers().firstValue("Retry-After").orElse("10"));
        } catch (IOException e) {
            return new Failed(0, texts.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(0, texts.get("net.interrupted"));
        }
        try {
            JsonNode body = text.isBlank() ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(text);
            if (status == 503) {
                return new Locked(texts.pick(body.path("message").asString(""), body.path("messageEn").asString("")), retryAfter);
            }
            if (status == 401) {
                return new NotConnected(body.path("code").asString(""));
            }
            if (status == 404 && "NO_TABLE".equals(body.path("code").asString(""))) {
                return new NoTable();
            }
            if (status != 200) {
                return new Failed(status, "HTTP " + status);
            }
            return table(body);
        } catch (JacksonException e) {
            return new Failed(status, texts.get("net.malformed", e.getOriginalMessage()));
        }
    }

    private static Table table(JsonNode body) {
        List<String> columns = new ArrayList<>();
        JsonNode cs = body.path("columns");
        for (int i = 0; i < cs.size(); i++) {
            columns.add(cs.get(i).asString(""));
        }
        List<List<String>> rows = new ArrayList<>();
        JsonNode rs = body.path("rows");
        for (int i = 0; i < rs.size(); i++) {
            JsonNode row = rs.get(i);
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < row.size(); j++) {
                JsonNode c = row.get(j);
                cells.add(c == null || c.isNull() ? "" : c.isValueNode() ? c.asString("") : c.toString());
            }
            rows.add(cells);
        }
        return new Table(columns, rows);
    }

    private static int retryAfter(String header) {
        try {
            return Math.max(1, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return 10;
        }
    }
}
