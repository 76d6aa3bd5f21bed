package ru.ksamu.supervisor;

import java.time.Instant;
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
        return RecordJson.object().put("from", from).put("to", to).put("outcome", outcome.name()).put("reason", reason)
                .put("at", at.toString()).write();
    }

    /**
     * Reads the file's bytes.
     *
     * @throws IllegalArgumentException when they are not such a record, saying why in one line
     */
    static SwitchRecord parse(byte[] json) {
        RecordJson r = RecordJson.read(json);
        return new SwitchRecord(r.string("from"), r.string("to"), r.constant("outcome", Outcome.class),
                r.optionalString("reason"), r.instant("at"));
    }
}
