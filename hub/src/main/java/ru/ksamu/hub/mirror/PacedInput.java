package ru.ksamu.hub.mirror;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import ru.ksamu.release.download.BoundedBody;

/**
 * A body that must bring at least {@value BoundedBody#MIN_BYTES_PER_PERIOD} bytes in every
 * read-timeout period (or end), as {@link BoundedBody} demands of the JDK's other client: the
 * socket's read timeout ends a stall, this ends a drip of a byte now and then, which would
 * otherwise hold a sync for ever. Measured on the monotonic clock (an interval, not a date).
 */
final class PacedInput extends FilterInputStream {

    private final long periodNanos;
    private long periodStart = System.nanoTime();
    private long inPeriod;

    PacedInput(InputStream in, Duration readTimeout) {
        super(in);
        this.periodNanos = readTimeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        paced(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        paced(n);
        return n;
    }

    private void paced(int n) throws IOException {
        if (n < 0) {
            return;
        }
        inPeriod += n;
        long now = System.nanoTime();
        if (now - periodStart >= periodNanos) {
            if (inPeriod < BoundedBody.MIN_BYTES_PER_PERIOD) {
                throw new SocketTimeoutException("fewer than " + BoundedBody.MIN_BYTES_PER_PERIOD + " bytes in "
                        + Duration.ofNanos(periodNanos) + ": the answer stalls");
            }
            periodStart = now;
            inPeriod = 0;
        }
    }
}
