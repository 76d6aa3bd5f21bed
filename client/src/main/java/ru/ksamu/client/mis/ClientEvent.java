package ru.ksamu.client.mis;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import ru.ksamu.client.Texts;
import ru.ksamu.release.InvalidVersionException;
import ru.ksamu.release.Version;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One event of the server's client stream: {@code hello}, {@code available}, and with the major
 * update or the restore of the main base {@code countdown}, {@code cancelled}, {@code locked},
 * {@code completed}, {@code failed}: those carry {@code operation} ({@code update} or
 * {@code restore}; an older server sends none, which means an update) and {@code version}, the
 * subject (the target version, or the backup file's name for a restore).
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

    /** What the maintenance is about; the texts of each come from the bundle keys it prefixes. */
    enum Operation {
        UPDATE, RESTORE;

        /** The bundle key of {@code what} for this operation: {@code restore.countdown.title}. */
        String key(String what) {
            return name().toLowerCase(Locale.ROOT) + "." + what;
        }
    }

    /** {@code restore} for a restore; anything else, or nothing (an older server), is an update. */
    public Operation operation() {
        return "restore".equals(field("operation")) ? Operation.RESTORE : Operation.UPDATE;
    }

    /** How long the base was locked ({@code lockedMillis} of {@code completed}), if the server says. */
    public Optional<Duration> lockedFor() {
        JsonNode n = json().path("lockedMillis");
        return n.isIntegralNumber() && n.asLong() >= 0 ? Optional.of(Duration.ofMillis(n.asLong())) : Optional.empty();
    }

    /**
     * Whether an {@code available} event offers something newer than the running version: not
     * when it is the same or older (the program already runs it). An unreadable version on either
     * side counts as newer, so the notice is rather shown than lost.
     */
    public boolean offersNewerThan(String running) {
        return newer(version(), running);
    }

    /** Whether version {@code a} is newer than {@code b}; unreadable on either side counts as newer. */
    static boolean newer(String a, String b) {
        try {
            return Version.parse(a).isNewerThan(Version.parse(b));
        } catch (InvalidVersionException e) {
            return true;
        }
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
