package ru.ksamu.hub.telegram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code sendMessage} call of the Telegram Bot API. Telegram answers
 * {@code {"ok":true,"result":{...}}} on success and {@code {"ok":false,"error_code":429,
 * "parameters":{"retry_after":N}}} when the bot must wait N seconds.
 */
final class TelegramClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final TelegramSettings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TelegramClient(TelegramSettings settings) {
        this.settings = settings;
    }

    /** What became of one attempt. */
    sealed interface Outcome {
        /** Telegram took the message. */
        record Sent() implements Outcome {
        }

        /** Not taken; try again, after {@code retryAfter} if Telegram said so. */
        record Failed(String reason, Optional<Duration> retryAfter) implements Outcome {
        }
    }

    Outcome send(String text) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("chat_id", settings.chatId());
        body.put("text", text);
        HttpRequest request = HttpRequest.newBuilder(settings.sendMessageUri())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonMapper.shared().writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The message names no URL: the URL carries the bot token.
            return new Outcome.Failed("Telegram unreachable: " + e.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted", Optional.empty());
        }
        return outcome(response.statusCode(), response.body());
    }

    static Outcome outcome(int status, String body) {
        JsonNode json = parse(body);
        if (status == 200 && json.path("ok").asBoolean(false)) {
            return new Outcome.Sent();
        }
        String description = json.path("description").asString("");
        Optional<Duration> retryAfter = Optional.empty();
        JsonNode seconds = json.path("parameters").path("retry_after");
        if (seconds.isNumber() && seconds.asLong() > 0) {
            retryAfter = Optional.of(Duration.ofSeconds(seconds.asLong()));
        }
        return new Outcome.Failed("HTTP " + status + (description.isEmpty() ? "" : ": " + description), retryAfter);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JsonMapper.shared().readTree(body == null ? "" : body);
            return node == null ? JsonMapper.shared().missingNode() : node;
        } catch (JacksonException e) {
            return JsonMapper.shared().missingNode();
        }
    }
}
