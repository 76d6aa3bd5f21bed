package ru.ksamu.client.mis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient list of the main base, read through {@code GET /api/v1/mis/patients}:
 * {@code {"columns":[...],"rows":[[...],...]}} with every column of the table in order, 404
 * {@code NO_TABLE} without the table, 503 with {@code Retry-After} while the base is locked.
 */
public final class PatientsApi {

    public sealed interface Answer permits Table, NoTable, Locked, Failed {
    }

    /** The table: column names and rows as text ({@code null} as empty). */
    public record Table(List<String> columns, List<List<String>> rows) implements Answer {
    }

    public record NoTable() implements Answer {
    }

    public record Locked(String message, int retryAfterSeconds) implements Answer {
    }

    /** No answer, or another status (e.g. a server without this endpoint: 404 without NO_TABLE). */
    public record Failed(int status, String reason) implements Answer {
    }

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    public PatientsApi(String server) {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.uri = URI.create(base + "/api/v1/mis/patients");
    }

    public Answer load() {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Failed(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(0, "interrupted");
        }
        try {
            JsonNode body = r.body().isBlank() ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(r.body());
            if (r.statusCode() == 503) {
                int retry = 10;
                try {
                    retry = Math.max(1, Integer.parseInt(r.headers().firstValue("Retry-After").orElse("10").strip()));
                } catch (NumberFormatException ignored) {
                    // keep 10 s
                }
                return new Locked(body.path("message").asString(""), retry);
            }
            if (r.statusCode() == 404 && "NO_TABLE".equals(body.path("code").asString(""))) {
                return new NoTable();
            }
            if (r.statusCode() != 200) {
                return new Failed(r.statusCode(), "HTTP " + r.statusCode());
            }
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
        } catch (JacksonException e) {
            return new Failed(r.statusCode(), "malformed answer: " + e.getOriginalMessage());
        }
    }
}
