package ru.ksamu.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-installation grid offsets for cloud-facing tasks, so that thousands of clinics whose
 * update task says "every 30 minutes from 0:08" do not all call the cloud in the same second
 * (in the article the cloud task's nearest start is 21:29, not the bare grid's 21:08).
 */
public final class Offsets {

    private Offsets() {
    }

    /**
     * A stable offset in [0, period) for this installation, in whole seconds: the first eight
     * bytes of SHA-256 over the id's UTF-8 bytes, read as a big-endian signed long, taken modulo
     * the period in seconds (floor modulo, so never negative). Calendar bounds: a day, a week, 28
     * days for a month. ONCE gets zero. The same id and periodicity always give the same offset.
     *
     * @param installationId the installation's permanent id; not blank
     * @param periodicity the task's periodicity
     */
    public static Duration forInstallation(String installationId, Periodicity periodicity) {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(periodicity, "periodicity");
        if (installationId.isBlank()) {
            throw new IllegalArgumentException("installationId must not be blank, was '" + installationId + "'");
        }
        long bound = periodicity.offsetBound().getSeconds();
        if (bound == 0) {
            return Duration.ZERO;
        }
        long hash = ByteBuffer.wrap(sha256(installationId.getBytes(StandardCharsets.UTF_8))).getLong();
        return Duration.ofSeconds(Math.floorMod(hash, bound));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
