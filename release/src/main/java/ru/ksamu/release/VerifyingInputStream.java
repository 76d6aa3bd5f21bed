package ru.ksamu.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes a file's bytes through while checking them against the size and SHA-256 a manifest
 * lists. Reading past the expected size throws {@link SizeMismatchException} at once (so a zip
 * bomb is stopped after at most one buffer more than the manifest allows); reaching the end
 * with fewer bytes throws {@link SizeMismatchException}, with other bytes
 * {@link HashMismatchException}. Callers must read to the end (see {@link #readToEnd()}) before
 * using the data: the hash is only known there. These exceptions are unchecked and thrown from
 * {@code read}.
 */
// Extends InputStream, not FilterInputStream: newer JDKs let FilterInputStream hand bulk reads
// (transferTo, readAllBytes) straight to the wrapped stream, which would skip the checks.
public final class VerifyingInputStream extends InputStream {

    private final InputStream in;
    private final String path;
    private final long expectedSize;
    private final String expectedSha256;
    private final MessageDigest digest = Sha256.newDigest();
    private long count;
    private boolean verified;

    /**
     * @param in             the stream to check; closed with this one
     * @param path           the file's path in the release, for messages
     * @param expectedSize   the size the manifest lists
     * @param expectedSha256 the SHA-256 the manifest lists, lowercase hex
     */
    public VerifyingInputStream(InputStream in, String path, long expectedSize, String expectedSha256) {
        this.in = Objects.requireNonNull(in, "in");
        this.path = Objects.requireNonNull(path, "path");
        this.expectedSize = expectedSize;
        this.expectedSha256 = Objects.requireNonNull(expectedSha256, "expectedSha256");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (verified) {
            return -1;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verifyAtEnd();
            return -1;
        }
        count += n;
        if (count > expectedSize) {
            throw SizeMismatchException.longer(path, expectedSize, count);
        }
        digest.update(buffer, offset, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes still count towards the size and the hash.
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads and discards the rest of the stream, verifying it; returns the total size read. */
    public long readToEnd() throws IOException {
        transferTo(OutputStream.nullOutputStream());
        return count;
    }

    private void verifyAtEnd() {
        if (count < expectedSize) {
            throw SizeMismatchException.shorter(path, expectedSize, count);
        }
        String actual = Sha256.hex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            throw new HashMismatchException(path, actual, expectedSha256);
        }
        verified = true;
    }
}
