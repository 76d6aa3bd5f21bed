package ru.ksamu.client.mis;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import ru.ksamu.client.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One event of the server's client stream: {@code hello}, {@code available}, and with the major
 * update {@code countdown}, {@code cancelled}, {@code locked}, {@code completed}, {@code failed}.
 *
 * @param name the SSE event name
 * @param data the raw data (JSON)
 */
record ClientEvent(String name, String data) {

    public JsonNode json() {
        try {
            return JsonMapper.shared().readTree(data);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    public String field(String key) {
        JsonNode n = json().path(key);
        return n.isMissingNode() || n.isNull() ? "" : n.asString("");
    }

    public String version() {
        return field("version");
    }

    /** The server's message in the user's language ({@code messageEn} for English, when sent). */
    public String message(Texts texts) {
        return texts.pick(field("message"), field("messageEn"));
    }

    /** The countdown's deadline, if the event carries a valid one. */
    public Optional<Instant> deadline() {
        try {
            String d = field("deadline");
            return d.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(d));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The event as one line for scripts: {@code EVENT <name> <data>}. */
    public String line() {
        return "EVENT " + name + " " + data.replace('\n', ' ');
    }
}
