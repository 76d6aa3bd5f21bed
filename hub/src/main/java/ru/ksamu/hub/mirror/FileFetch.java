package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.download.ResumableDownload;
import ru.ksamu.release.manifest.ManifestEntry;

/**
 * One file from the upstream into its part file, fast and with every guarantee of
 * {@link ResumableDownload} (whose protocol it follows):
 * <ul>
 *   <li>a part already there is resumed with {@code Range: bytes=<n>-} and {@code If-Range:
 *       "<sha256>"}; 206 appends, 200 starts again from zero, 416 leaves the verdict to the check;
 *       a part longer than the file is discarded;</li>
 *   <li>at most the listed size is written: a byte beyond it deletes the part, refused as a hash
 *       mismatch when the bytes before it are not the file's, else as a longer file;</li>
 *   <li>an answer that ends early or stalls ({@link PacedInput}) leaves its bytes in the part for
 *       the next sync to resume;</li>
 *   <li>the SHA-256 of the whole part (a resumed part's old bytes included) is checked before the
 *       caller commits it; a part that does not match is deleted and refused.</li>
 * </ul>
 * Speed: the body is read in {@value #SLAB}-byte slabs straight from the socket into the array,
 * written with a {@link FileChannel}, and handed (the same array, not a copy) to the hash thread
 * through a bounded queue of {@value #SLABS} slabs, so hashing overlaps receiving; the slab comes
 * back to be filled again once hashed. At the end the part is forced to disk once while the hash
 * thread finishes the last slabs (the commit's own force then finds nothing to write). (Flushing
 * on another thread during the transfer was tried: on ext4 it made the writes several times slower;
 * bench/mirror/NOTES.md.)
 */
final class FileFetch {

    /** Bytes read, written and hashed at a time. */
    static final int SLAB = 1 << 20;
    /** Slabs in flight between the receiving and the hashing thread: 4 MiB of memory, enough to ride out jitter. */
    static final int SLABS = 4;

    /** A filled slab, or the end ({@code data == null}). */
    private record Chunk(byte[] data, int length) {
    }

    private static final Chunk END = new Chunk(null, 0);
    private static final Logger log = LoggerFactory.getLogger(FileFetch.class);

    private FileFetch() {
    }

    /**
     * Brings {@code entry} into {@code part} from {@code upstream}, hashing on {@code hasher}.
     *
     * @throws IOException           the upstream failed or stopped early (the part keeps what came)
     * @throws HashMismatchException when the bytes are not the file's (the part is deleted)
     * @throws SizeMismatchException when the file is longer or shorter than listed (the part is deleted)
     */
    static void fetch(ManifestEntry entry, Path part, UpstreamClient upstream, ExecutorService hasher)
            throws IOException, InterruptedException {
        ResumableDownload.Wanted wanted = new ResumableDownload.Wanted(entry.path(), entry.size(), entry.sha256());
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (have > entry.size()) {
            Files.delete(part);
            have = 0;
        }
        if (have == entry.size()) {
            ResumableDownload.verify(wanted, part);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (have > 0) {
            headers.put("Range", "bytes=" + have + "-");
            headers.put("If-Range", "\"" + entry.sha256() + "\"");
        }
        try (UpstreamClient.Answer answer = upstream.file(entry.sha256(), headers)) {
            long from;
            if (answer.status() == 206 && have > 0) {
                from = have;
            } else if (answer.status() == 200) {
                from = 0;
            } else if (answer.status() == 416) {
                ResumableDownload.verify(wanted, part); // nothing past the part's end: the check decides
                return;
            } else {
                throw new IOException("HTTP " + answer.status() + ": файл " + entry.path() + " не получен / file "
                        + entry.path() + " not received");
            }
            receive(entry, part, from, answer.body(upstream.readTimeout()), hasher);
            answer.completed();
        }
    }

    private static void receive(ManifestEntry entry, Path part, long from, InputStream body, ExecutorService hasher)
            throws IOException, InterruptedException {
        long size = entry.size();
        int slabSize = (int) Math.max(1, Math.min(SLAB, size - from + 1));
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(SLABS);
        // One place more than there are slabs (for END): a put never waits.
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(SLABS + 1);
        long began = System.nanoTime();
        Future<byte[]> digest = hasher.submit(() -> hash(part, from, full, free));

        int allocated = 0;
        long written = from;
        boolean longer = false;
        boolean ended = false;
        long received;
        long forced;
        long waitedForHash = 0; // time the receiver waited for the hash thread to give a slab back
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(from);
            out.position(from);
            while (!ended) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                byte[] slab = free.poll();
                if (slab == null) {
                    if (allocated < SLABS) {
                        slab = new byte[slabSize];
                        allocated++;
                    } else {
                        long waiting = System.nanoTime();
                        slab = takeFree(free, digest);
                        waitedForHash += System.nanoTime() - waiting;
                    }
                }
                // One byte more than the file may have: a longer answer is seen, and refused, at that byte.
                int want = (int) Math.min(slab.length, size + 1 - written);
                int n = body.readNBytes(slab, 0, want);
                ended = n < want;
                int keep = (int) Math.min(n, size - written);
                if (keep > 0) {
                    ByteBuffer buffer = ByteBuffer.wrap(slab, 0, keep);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    written += keep;
                    full.put(new Chunk(slab, keep));

                } else {
                    free.put(slab);
                }
                if (n > keep) {
                    longer = true;
                    break;
                }
            }
            full.put(END);
            received = System.nanoTime();
            if (!longer && written == size) {
                out.force(false); // while the hash thread finishes the slabs still queued
            }
            forced = System.nanoTime();
        } catch (IOException | InterruptedException | RuntimeException e) {
            digest.cancel(true);
            throw e;
        }
        String actual = Sha256.hex(await(digest));
        if (log.isDebugEnabled()) {
            long hashed = System.nanoTime();
            log.debug("{}: {} bytes received in {} ms ({} ms of it waiting for the hash), forced after {} ms more,"
                    + " hashed {} ms after that ({} slabs)", entry.path(), written - from, (received - began) / 1_000_000,
                    waitedForHash / 1_000_000, (forced - received) / 1_000_000, (hashed - forced) / 1_000_000, allocated);
        }
        if (longer) {
            Files.deleteIfExists(part);
            if (!actual.equals(entry.sha256())) {
                throw new HashMismatchException(entry.path(), actual, entry.sha256());
            }
            throw SizeMismatchException.longer(entry.path(), size, size + 1);
        }
        if (written < size) {
            throw new IOException("the answer for " + entry.path() + " ended after " + written + " of " + size
                    + " bytes; the part is kept to resume");
        }
        if (!actual.equals(entry.sha256())) {
            Files.deleteIfExists(part);
            throw new HashMismatchException(entry.path(), actual, entry.sha256());
        }
    }

    /** The hash thread's work: the part's first {@code from} bytes (a resumed download), then each slab as it comes. */
    private static byte[] hash(Path part, long from, BlockingQueue<Chunk> full, BlockingQueue<byte[]> free)
            throws IOException, InterruptedException {
        MessageDigest digest = Sha256.newDigest();
        if (from > 0) {
            ByteBuffer buffer = ByteBuffer.allocate(SLAB);
            try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                long left = from;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = in.read(buffer, from - left);
                    if (n < 0) {
                        throw new IOException("the part " + part + " ended before its " + from + " bytes");
                    }
                    digest.update(buffer.array(), 0, n);
                    left -= n;
                }
            }
        }
        while (true) {
            Chunk chunk = full.take();
            if (chunk == END) {
                return digest.digest();
            }
            digest.update(chunk.data(), 0, chunk.length());
            free.put(chunk.data());
        }
    }

    /** A slab back from the hash thread; if that thread failed, its failure. */
    private static byte[] takeFree(BlockingQueue<byte[]> free, Future<byte[]> digest)
            throws IOException, InterruptedException {
        while (true) {
            byte[] slab = free.poll(100, TimeUnit.MILLISECONDS);
            if (slab != null) {
                return slab;
            }
            if (digest.isDone()) {
                await(digest); // throws what ended it
                throw new IllegalStateException("the hash thread ended before the file did");
            }
        }
    }

    private static byte[] await(Future<byte[]> digest) throws IOException, InterruptedException {
        try {
            return digest.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("hashing failed: " + cause, cause);
        }
    }
}
