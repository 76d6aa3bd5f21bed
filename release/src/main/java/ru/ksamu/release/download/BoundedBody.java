package ru.ksamu.release.download;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body of {@link java.net.http.HttpClient} read with an idle-read timeout and a size
 * bound, so that no server can hold a caller forever or fill its memory or disk.
 *
 * <p>Why it exists: on Java 17 {@code HttpRequest.timeout} covers only the wait for the response
 * headers; a body that stalls afterwards blocks its reader for ever, and a body has no size limit.
 * Here a body must bring at least {@value #MIN_BYTES_PER_PERIOD} bytes in every read-timeout period
 * (or end): a stall, or a drip of fewer bytes, throws {@link Stalled} from {@code read} within one
 * period and cancels the response. The caller names the bound once it knows the status (a listing,
 * an error body, a file of a known size): the body's {@code bound + 1}-th byte throws
 * {@link TooLarge}, so at most one byte more than the bound is ever taken from the connection.
 *
 * <p>Use: {@code http.send(request, BoundedBody.handler(readTimeout))}, then {@link #bytes},
 * {@link #text} or {@link #stream} once, in a try-with-resources (closing a body that was not read
 * to its end cancels it). Plain Java, no dependencies.
 */
public final class BoundedBody implements Closeable {

    /** A body must bring at least this many bytes per read-timeout period: a slower drip is a stall. */
    public static final int MIN_BYTES_PER_PERIOD = 1024;

    private static final Object END = new Object();

    private final Duration readTimeout;
    private final OptionalLong declaredLength;
    /** Lists of buffers as the client delivers them, then {@link #END} or the client's failure. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription; // guarded by this
    private boolean closed; // guarded by this
    private boolean taken;

    private BoundedBody(Duration readTimeout, OptionalLong declaredLength) {
        this.readTimeout = readTimeout;
        this.declaredLength = declaredLength;
    }

    /**
     * A body handler whose bodies stall-check every read with {@code readTimeout}.
     *
     * @param readTimeout how long a body may bring fewer than {@value #MIN_BYTES_PER_PERIOD} bytes; positive
     */
    public static HttpResponse.BodyHandler<BoundedBody> handler(Duration readTimeout) {
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive, got " + readTimeout);
        }
        return info -> new Subscriber(new BoundedBody(readTimeout,
                info.headers().firstValueAsLong("Content-Length")));
    }

    /** The whole body, at most {@code maxBytes}. */
    public byte[] bytes(long maxBytes) throws IOException {
        try (InputStream in = stream(maxBytes)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** The whole body as UTF-8 text, at most {@code maxBytes} bytes. */
    public String text(long maxBytes) throws IOException {
        return new String(bytes(maxBytes), StandardCharsets.UTF_8);
    }

    /**
     * The body as a stream that gives at most {@code maxBytes} bytes: reading a byte beyond them
     * throws {@link TooLarge}, as does a declared {@code Content-Length} above the bound (before
     * anything is read). Once per body.
     */
    public InputStream stream(long maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        if (taken) {
            throw new IllegalStateException("the body was already taken");
        }
        taken = true;
        if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBytes) {
            close();
            throw new TooLarge(maxBytes, declaredLength.getAsLong());
        }
        return new Reader(maxBytes);
    }

    /** Cancels the response if it was not read to its end; a blocked read then ends. */
    @Override
    public void close() {
        Flow.Subscription s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        queue.add(END);
    }

    private void subscribed(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            cancel = closed;
            subscription = s;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    private synchronized void requestMore() {
        if (!closed && subscription != null) {
            subscription.request(1);
        }
    }

    /** The client's side: hands each list of buffers to the queue, one list at a time. */
    private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {
        private final BoundedBody body;

        Subscriber(BoundedBody body) {
            this.body = body;
        }

        @Override
        public CompletionStage<BoundedBody> getBody() {
            return CompletableFuture.completedStage(body); // the caller reads after the headers, as with ofInputStream
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            body.subscribed(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            body.queue.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            body.queue.add(throwable);
        }

        @Override
        public void onComplete() {
            body.queue.add(END);
        }
    }

    /** The reading side: a stream that counts, bounds and times what it gives. */
    private final class Reader extends InputStream {
        private final long max;
        private Iterator<ByteBuffer> list;
        private ByteBuffer current;
        private boolean ended;
        private long count;
        // Timed on the monotonic clock, as the JDK times socket reads: a change of the wall clock
        // must neither end a healthy download nor extend a stalled one.
        private long periodStart = System.nanoTime();
        private long periodBytes;

        Reader(long max) {
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!hasByte()) {
                return -1;
            }
            if (count == max) {
                BoundedBody.this.close(); // one byte beyond the bound is here: take nothing more
                throw new TooLarge(max, -1);
            }
            int n = (int) Math.min(Math.min(len, current.remaining()), max - count);
            current.get(b, off, n);
            count += n;
            periodBytes += n;
            if (periodBytes >= MIN_BYTES_PER_PERIOD) {
                periodStart = System.nanoTime();
                periodBytes = 0;
            }
            return n;
        }

        /** True when {@link #current} has a byte; false at the end; waits at most the rest of this period. */
        private boolean hasByte() throws IOException {
            while (current == null || !current.hasRemaining()) {
                if (list != null && list.hasNext()) {
                    current = list.next();
                    continue;
                }
                if (ended) {
                    return false;
                }
                if (list != null) {
                    list = null;
                    requestMore(); // this list is used up: the next one may come
                }
                Object next;
                try {
                    long left = periodStart + readTimeout.toNanos() - System.nanoTime();
                    next = queue.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    BoundedBody.this.close();
                    throw new InterruptedIOException("interrupted while reading a response body");
                }
                if (next == null) {
                    BoundedBody.this.close();
                    throw new Stalled(readTimeout, count);
                }
                if (next == END) {
                    ended = true;
                    return false;
                }
                if (next instanceof Throwable t) {
                    ended = true;
                    throw t instanceof IOException io ? io : new IOException(t);
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) next;
                list = buffers.iterator();
            }
            return true;
        }

        @Override
        public void close() {
            BoundedBody.this.close();
        }
    }

    /** Why reading a body was given up: it stalled, or it was longer than its bound. */
    public abstract static sealed class Failure extends IOException permits Stalled, TooLarge {
        Failure(String message) {
            super(message);
        }
    }

    /** The body brought fewer than {@value #MIN_BYTES_PER_PERIOD} bytes in one read-timeout period. */
    public static final class Stalled extends Failure {
        private final Duration readTimeout;
        private final long bytesRead;

        Stalled(Duration readTimeout, long bytesRead) {
            super("the response body stalled: fewer than " + MIN_BYTES_PER_PERIOD + " bytes in " + readTimeout.toMillis()
                    + " ms after " + bytesRead + " bytes; the response was cancelled");
            this.readTimeout = readTimeout;
            this.bytesRead = bytesRead;
        }

        public Duration readTimeout() {
            return readTimeout;
        }

        /** The bytes this reader had given before the stall. */
        public long bytesRead() {
            return bytesRead;
        }
    }

    /** The body is longer than its bound (or says so in {@code Content-Length}). */
    public static final class TooLarge extends Failure {
        private final long limit;
        private final long declared;

        TooLarge(long limit, long declared) {
            super("the response body is longer than its bound of " + limit + " bytes"
                    + (declared >= 0 ? " (Content-Length " + declared + ")" : "") + "; the response was cancelled");
            this.limit = limit;
            this.declared = declared;
        }

        /** The bound in bytes. */
        public long limit() {
            return limit;
        }

        /** The declared {@code Content-Length}, or -1 when the excess was found by reading. */
        public long declared() {
            return declared;
        }
    }
}
