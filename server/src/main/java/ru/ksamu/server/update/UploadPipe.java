package ru.ksamu.server.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off between the request thread, which only receives the upload's body, and the
 * import's unit in the thread manager, which verifies it: a few whole buffers go round (the
 * receiver fills a free one, the verifier reads it and gives it back), so receiving and verifying
 * overlap and at most {@code buffers × bufferSize} bytes are held. The end of the body or the
 * failure to read it travels through the same queue, after the bytes before it.
 * <p>
 * The waits are short polls, not plain blocking: the verifier must notice an admin's stop while no
 * byte arrives, and the receiver must notice that the verifier has ended (then it reads the rest of
 * the body and drops it, so the client gets the answer instead of a reset connection).
 */
final class UploadPipe {

    /** How often a waiting side looks at the stop flag and at the other side's end. */
    private static final long POLL_MILLIS = 100;

    /** A filled buffer, or the end ({@code length < 0}), or the receiver's failure. */
    private record Chunk(byte[] buffer, int length, Throwable failure) {
    }

    /** Thrown to the verifier when an admin stopped the import. */
    static final class StoppedException extends IOException {
        StoppedException() {
            super("the import was stopped");
        }
    }

    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> full;
    private final BooleanSupplier stopped;
    private final Runnable onChunk;
    private volatile boolean closed;
    private final Source source = new Source();

    /**
     * @param stopped whether the verifier should give up (an admin's stop); looked at while it waits
     * @param onChunk called on the verifier's thread as each buffer reaches it and while it waits (the unit's progress)
     */
    UploadPipe(int buffers, int bufferSize, BooleanSupplier stopped, Runnable onChunk) {
        this.onChunk = onChunk;
        this.free = new ArrayBlockingQueue<>(buffers);
        // One more than the buffers: the end or the failure always fits behind them.
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.stopped = stopped;
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
    }

    /**
     * The receiver's side: reads {@code body} into the pipe until its end, a failure (handed to the
     * verifier, not thrown) or the verifier's end; then reads and drops what is left of the body.
     */
    void pump(InputStream body) {
        try {
            while (true) {
                byte[] buffer = freeBuffer();
                if (buffer == null) {
                    break; // the verifier has ended: it wants no more
                }
                int filled = 0;
                int n = 0;
                // Whole buffers: the body hands out a few KiB per read, the verifier should not wait on each.
                while (filled < buffer.length && (n = body.read(buffer, filled, buffer.length - filled)) > 0) {
                    filled += n;
                }
                if (filled > 0) {
                    full.add(new Chunk(buffer, filled, null));
                } else {
                    free.add(buffer);
                }
                if (n < 0) {
                    full.add(new Chunk(null, -1, null));
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            full.add(new Chunk(null, -1, e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            full.add(new Chunk(null, -1, new InterruptedIOException("the receiving thread was interrupted")));
            return;
        }
        drainRest(body);
    }

    private byte[] freeBuffer() throws InterruptedException {
        while (!closed) {
            byte[] b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static void drainRest(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // The body's own limit (too large) or a cut: either way nothing more to read.
        }
    }

    /** The verifier's side: the body's bytes in order; the receiver's failure is thrown as it was. */
    InputStream source() {
        return source;
    }

    /** The verifier has ended: the receiver stops filling and drops the rest. */
    void close() {
        closed = true;
    }

    private final class Source extends InputStream {
        private Chunk current;
        private int position;
        private long count;
        private boolean ended;
        private Throwable failure;

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
            if (stopped.getAsBoolean()) {
                throw new StoppedException();
            }
            if (current == null && !next()) {
                return -1;
            }
            int n = Math.min(len, current.length() - position);
            System.arraycopy(current.buffer(), position, b, off, n);
            position += n;
            count += n;
            if (position == current.length()) {
                free.add(current.buffer());
                current = null;
            }
            return n;
        }

        /** Waits for the next chunk; false at the end. */
        private boolean next() throws IOException {
            if (failure != null) {
                rethrow(failure);
            }
            if (ended) {
                return false;
            }
            Chunk c;
            try {
                do {
                    if (stopped.getAsBoolean()) {
                        throw new StoppedException();
                    }
                    c = full.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        onChunk.run(); // a slow upload: the bytes received so far still show
                    }
                } while (c == null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the import was interrupted");
            }
            if (c.failure() != null) {
                failure = c.failure();
                rethrow(failure);
            }
            if (c.length() < 0) {
                ended = true;
                return false;
            }
            current = c;
            position = 0;
            onChunk.run();
            return true;
        }

        private void rethrow(Throwable t) throws IOException {
            if (t instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) t;
        }

        @Override
        public void close() {
            // Only the import ends the pipe (close()): a zip reader closing its stream must not cut the copy's replay.
        }
    }

    /** How many bytes the verifier has read. */
    long consumed() {
        return source.count;
    }
}
