package ru.ksamu.release.signing;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Ed25519 signature with the id of the key that made it. Its text form, used for
 * {@code release.sig} and inside feeds, is one line {@code <key id> <Base64 of 64 bytes>}.
 */
public final class DetachedSignature {

    /** Length of an Ed25519 signature in bytes. */
    public static final int LENGTH = 64;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private final String keyId;
    private final byte[] value;

    /**
     * @param keyId the signing key's id, 16 lowercase hex digits
     * @param value the 64 signature bytes (copied)
     */
    public DetachedSignature(String keyId, byte[] value) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new MalformedSignatureException(String.valueOf(keyId), "неверный id ключа", "invalid key id");
        }
        if (value == null || value.length != LENGTH) {
            throw new MalformedSignatureException(keyId, "нужно " + LENGTH + " байт подписи",
                    "expected " + LENGTH + " signature bytes");
        }
        this.keyId = keyId;
        this.value = value.clone();
    }

    /**
     * Reads the text form.
     *
     * @param text   the line, a trailing newline allowed
     * @param source where it came from, for messages (e.g. {@code release.sig})
     * @throws MalformedSignatureException naming the source
     */
    public static DetachedSignature parse(String text, String source) {
        KeyText.Parsed parsed = KeyText.parse(text);
        if (parsed == null) {
            throw new MalformedSignatureException(source, "нужна строка «id-ключа Base64»",
                    "expected one line \"<key id> <Base64>\"");
        }
        if (parsed.value().length != LENGTH) {
            throw new MalformedSignatureException(source, "нужно " + LENGTH + " байт подписи",
                    "expected " + LENGTH + " signature bytes");
        }
        return new DetachedSignature(parsed.keyId(), parsed.value());
    }

    /** The text form, one line without a line break (files add one). */
    public String toText() {
        return KeyText.format(keyId, value);
    }

    /** The id of the key that made this signature. */
    public String keyId() {
        return keyId;
    }

    /** The signature bytes (a copy). */
    public byte[] value() {
        return value.clone();
    }

    byte[] bytes() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DetachedSignature that && keyId.equals(that.keyId) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "DetachedSignature[" + keyId + " " + Base64.getEncoder().encodeToString(value) + "]";
    }
}
