package ru.ksamu.client;

import java.util.Optional;

/**
 * The workstation's credential for the clinic server's MIS API, given by
 * {@code POST /api/v1/client/register}. It is a secret: {@link #toString()} never shows it, and it
 * travels only in the {@code Authorization} header, the owner-only file {@code workstation.token}
 * and, from the launcher to the MIS program, the environment variable {@value #ENV} (never the
 * command line, which other users of the computer can read).
 */
public final class WorkstationToken {

    /** The environment variable through which the launcher hands the token to the MIS program. */
    public static final String ENV = "KSAMU_WORKSTATION_TOKEN";
    /** A header value, not a document: anything longer is not a token. */
    static final int MAX_LENGTH = 1024;

    private final String value;

    private WorkstationToken(String value) {
        this.value = value;
    }

    /**
     * The token in {@code text} (surrounding blanks removed), or empty when it is empty or not a
     * token (longer than {@value #MAX_LENGTH} characters, or anything but visible ASCII).
     */
    public static Optional<WorkstationToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(new WorkstationToken(t));
    }

    /** The value of the {@code Authorization} header. */
    public String bearer() {
        return "Bearer " + value;
    }

    /** The token itself, for the token file and the program's environment only. */
    public String secret() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkstationToken w && w.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "WorkstationToken[hidden]";
    }
}
