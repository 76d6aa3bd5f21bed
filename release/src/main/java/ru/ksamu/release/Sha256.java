package ru.ksamu.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as lowercase hex, computed by streaming. */
public final class Sha256 {

    /** Length of a digest in hex characters. */
    public static final int HEX_LENGTH = 64;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    /** A fresh SHA-256 digest (every JDK has one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    /** Lowercase hex of a finished digest. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The SHA-256 of bytes, lowercase hex. */
    public static String of(byte[] data) {
        return hex(newDigest().digest(data));
    }

    /** The SHA-256 of everything left in a stream (which is not closed), lowercase hex. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return hex(digest.digest());
    }

    /**
     * The SHA-256 of a file, lowercase hex.
     *
     * @throws ReleaseIoException naming the file if it cannot be read
     */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    /** Whether a string is a SHA-256 in the canonical form: 64 lowercase hex digits. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }
}
