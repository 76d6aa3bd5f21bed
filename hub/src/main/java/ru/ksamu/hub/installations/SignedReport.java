package ru.ksamu.hub.installations;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.UnaryOperator;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.InstallationIdentity;
import ru.ksamu.release.signing.TrustedKey;

/**
 * The proof a statistics report carries that it comes from the installation it names, read from its
 * headers and checked without the database: the id is the one derived from the presented public key
 * ({@link InstallationIdentity#idOf}), so nobody can report for an id with a key of their own; the
 * signature covers the id, the sending time exactly as sent and the body exactly as received; and
 * the sending time is near the hub's clock, which bounds how long a captured report could be replayed
 * (within that window the database refuses a report not sent later than the last accepted one).
 *
 * @param id         the installation id of the path
 * @param key        the installation's public key ({@value #PUBLIC_KEY_HEADER})
 * @param sentAtText the sending time as sent ({@value #SENT_AT_HEADER}): the signature covers these characters
 * @param sentAt     the same, parsed
 * @param signature  {@value #SIGNATURE_HEADER}
 */
record SignedReport(UUID id, TrustedKey key, String sentAtText, Instant sentAt, DetachedSignature signature) {

    static final String PUBLIC_KEY_HEADER = "X-Ksamu-Installation-Public-Key";
    static final String SENT_AT_HEADER = "X-Ksamu-Sent-At";
    static final String SIGNATURE_HEADER = "X-Ksamu-Signature";
    /** The first protocol's shared secret, refused since reports are signed. */
    static final String OLD_KEY_HEADER = "X-Ksamu-Installation-Key";

    /** Longer header values are refused unread (a key line is 77 characters, a signature 105). */
    private static final int MAX_HEADER = 200;
    private static final int MAX_SENT_AT = 64;

    /**
     * Reads the id of the path and the proof headers.
     *
     * @param headers a header's value by name, null when absent
     * @throws StatsRefusal 400 for a malformed id, the old key header, a missing or malformed header
     */
    static SignedReport read(String pathId, UnaryOperator<String> headers) {
        UUID id = uuid(pathId);
        if (headers.apply(OLD_KEY_HEADER) != null) {
            throw StatsRefusal.outdatedServer(OLD_KEY_HEADER);
        }
        String keyText = required(headers, PUBLIC_KEY_HEADER);
        String sentAtText = required(headers, SENT_AT_HEADER);
        String signatureText = required(headers, SIGNATURE_HEADER);
        TrustedKey key;
        DetachedSignature signature;
        Instant sentAt;
        try {
            key = TrustedKey.parse(keyText, PUBLIC_KEY_HEADER);
        } catch (ReleaseException e) {
            throw StatsRefusal.malformedHeader(PUBLIC_KEY_HEADER, "нужен открытый ключ Ed25519 «id-ключа Base64-X.509»",
                    "expected an Ed25519 public key \"<16 hex key id> <Base64 X.509>\"");
        }
        try {
            signature = DetachedSignature.parse(signatureText, SIGNATURE_HEADER);
        } catch (ReleaseException e) {
            throw StatsRefusal.malformedHeader(SIGNATURE_HEADER, "нужна подпись «id-ключа Base64»",
                    "expected a signature \"<16 hex key id> <Base64 of 64 bytes>\"");
        }
        try {
            if (sentAtText.length() > MAX_SENT_AT) {
                throw new DateTimeParseException("too long", sentAtText, MAX_SENT_AT);
            }
            sentAt = Instant.parse(sentAtText);
        } catch (DateTimeParseException e) {
            throw StatsRefusal.malformedHeader(SENT_AT_HEADER, "нужен момент ISO-8601, например 2026-12-02T03:00:04.123Z",
                    "expected an ISO-8601 instant such as 2026-12-02T03:00:04.123Z");
        }
        return new SignedReport(id, key, sentAtText, sentAt, signature);
    }

    /**
     * Checks that the report is the named installation's and sent about now.
     *
     * @throws StatsRefusal 403 {@code WRONG_KEY} (the id is not the key's, or the signature does not
     *                      verify), 409 {@code CLOCK_SKEW}
     */
    void verify(byte[] body, Instant now, Duration maxClockSkew) {
        if (!InstallationIdentity.idOf(key).equals(id)) {
            throw StatsRefusal.notTheKeysId(id.toString(), key.keyId());
        }
        if (!InstallationIdentity.verifiesReport(key, id, sentAtText, body, signature)) {
            throw StatsRefusal.badSignature(id.toString());
        }
        if (Duration.between(sentAt, now).abs().compareTo(maxClockSkew) > 0) {
            throw StatsRefusal.clockSkew(sentAt, now, maxClockSkew);
        }
    }

    static UUID uuid(String id) {
        try {
            // UUID.fromString also takes shortened groups ("1-2-3-4-5"): only the canonical form is an id.
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw StatsRefusal.notAUuid(id);
    }

    private static String required(UnaryOperator<String> headers, String name) {
        String value = headers.apply(name);
        if (value == null || value.isBlank()) {
            throw StatsRefusal.missingHeader(name);
        }
        if (value.length() > MAX_HEADER) {
            throw StatsRefusal.malformedHeader(name, "длиннее " + MAX_HEADER + " символов", "longer than " + MAX_HEADER + " characters");
        }
        return value;
    }
}
