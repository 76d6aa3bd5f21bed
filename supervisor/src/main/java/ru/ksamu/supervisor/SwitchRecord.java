package ru.ksamu.supervisor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code last-switch.json}: the outcome of the last switch between server versions. Written
 * CHECKING before the new version starts, so a supervisor that dies meanwhile finishes the check
 * at its next start; then OK or ROLLED_BACK.
 *
 * @param from    the version that ran before
 * @param to      the version switched to
 * @param outcome CHECKING, OK or ROLLED_BACK
 * @param reason  why it was rolled back (Russian), empty otherwise
 * @param at      when this outcome was reached
 */
public record SwitchRecord(String from, String to, Outcome outcome, String reason, Instant at) {

    /** Where a switch stands. */
    public enum Outcome { CHECKING, OK, ROLLED_BACK }

    public SwitchRecord {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("outcome", outcome.name());
        m.put("reason", reason);
        m.put("at", at.toString());
        return FlatJson.write(m);
    }

    static SwitchRecord parse(String json) {
        Map<String, String> m = FlatJson.read(json);
        return new SwitchRecord(m.get("from"), m.get("to"), Outcome.valueOf(m.get("outcome")), m.get("reason"),
                Instant.parse(m.get("at")));
    }
}
