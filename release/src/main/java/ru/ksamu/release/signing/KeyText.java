package ru.ksamu.release.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.Sha256;

/**
 * The one-line text form shared by key files and signatures: {@code <key id> <Base64>}, where the
 * key id is the first 16 hex digits of the SHA-256 of the public key's X.509 encoding.
 */
final class KeyText {

    static final String ALGORITHM = "Ed25519";
    /** Longest key or signature text read; real ones are under 200 bytes. */
    static final int MAX_BYTES = 4096;

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{16}) ([A-Za-z0-9+/]+={0,2})");

    private KeyText() {
    }

    /** The id of a public key. */
    static String keyId(PublicKey key) {
        MessageDigest digest = Sha256.newDigest();
        return Sha256.hex(digest.digest(key.getEncoded())).substring(0, 16);
    }

    static String format(String keyId, byte[] value) {
        return keyId + " " + Base64.getEncoder().encodeToString(value);
    }

    /** Splits a line into id and bytes; null when it does not have the form. */
    static Parsed parse(String text) {
        if (text == null) {
            return null;
        }
        String line = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new Parsed(matcher.group(1), Base64.getDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads a small text file, refusing anything longer than {@link #MAX_BYTES}. */
    static String readSmall(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("longer than " + MAX_BYTES + " bytes");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    record Parsed(String keyId, byte[] value) {
    }
}
