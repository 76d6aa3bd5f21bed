package ru.ksamu.release.bundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;
import ru.ksamu.release.manifest.SizeLimitException;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * One-pass verification of a zip bundle from a stream (see {@link Bundles#verifyStream}): the
 * local entries are read in order, release.json and release.sig first (as {@link BundleWriter}
 * writes them), the signature checked before any file is read, each file checked by
 * {@link ZipEntries} like {@link ZipBundle} does, and at the end the zip's end record must be
 * there and count the entries read, so a cut stream is refused.
 */
final class BundleStream {

    /**
     * Most bytes kept while looking for the two documents, so that a zip in another order can be
     * replayed: both documents at their limits plus room for headers and one read-ahead buffer.
     */
    static final int PROBE_BYTES = Limits.MAX_DOCUMENT_BYTES + Bundles.MAX_SIGNATURE_BYTES + (1 << 20);
    /** The end-of-central-directory record: 22 bytes and a comment of at most 65,535. */
    private static final int END_RECORD_MAX = 22 + 0xFFFF;
    private static final int BUFFER = 1 << 16;

    private BundleStream() {
    }

    static StreamedBundle verify(InputStream body, Path label, TrustedKeys trustedKeys, Limits limits, BundleSink sink)
            throws IOException {
        Raw raw = new Raw(body);
        // ZipInputStream reads 512 bytes at a time: the buffer keeps the body's reads large.
        ZipInputStream zip = new ZipInputStream(new BufferedInputStream(raw, BUFFER));
        byte[] manifestBytes = null;
        byte[] signature = null;
        try {
            for (int i = 0; i < 2; i++) {
                ZipEntry entry = zip.getNextEntry();
                if (entry == null || entry.isDirectory() || !ZipEntries.isDocument(entry.getName())) {
                    return replay(raw, label);
                }
                if (entry.getName().equals(ReleaseManifest.FILE_NAME) && manifestBytes == null) {
                    manifestBytes = Bundles.readBounded(zip, ReleaseManifest.FILE_NAME, Limits.MAX_DOCUMENT_BYTES);
                } else if (entry.getName().equals(Bundles.SIGNATURE_FILE) && signature == null) {
                    signature = Bundles.readBounded(zip, Bundles.SIGNATURE_FILE, Bundles.MAX_SIGNATURE_BYTES);
                } else {
                    SafePath.checkDistinct(List.of(entry.getName(), entry.getName()));
                }
            }
        } catch (ZipException | EOFException e) {
            // Not readable from its start: the two-pass way on the whole file says why.
            return replay(raw, label);
        }
        raw.stopRecording();
        Bundle.VerifiedManifest verified = Bundles.verifyManifest(manifestBytes, signature, trustedKeys, limits);
        ReleaseManifest manifest = verified.manifest();
        sink.manifestVerified(manifest);
        ZipEntries checks = new ZipEntries(manifest);
        long maxEntries = 2L * limits.maxFiles() + 2;
        long count = 2;
        byte[] buffer = new byte[1 << 20];
        ZipEntry entry;
        while ((entry = nextEntry(zip, label)) != null) {
            if (++count > maxEntries) {
                throw SizeLimitException.count(count, maxEntries);
            }
            String name = entry.getName();
            if (entry.isDirectory()) {
                ZipEntries.checkFolder(name);
                continue;
            }
            if (ZipEntries.isDocument(name)) {
                SafePath.checkDistinct(List.of(name, name));
            }
            ManifestEntry file = checks.accept(name, entry.getSize());
            try (OutputStream out = sink.open(file)) {
                ZipEntries.copyVerified(label, zip, file, out, buffer);
            }
        }
        checks.requireAll(manifest.files());
        raw.drain();
        raw.checkEndRecord(label, count);
        return StreamedBundle.verified(verified);
    }

    private static ZipEntry nextEntry(ZipInputStream zip, Path label) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (ZipException | EOFException e) {
            throw new MalformedBundleException(label, "zip-архив повреждён или обрезан: " + e.getMessage(),
                    "the zip is corrupt or truncated: " + e.getMessage(), e);
        }
    }

    private static StreamedBundle replay(Raw raw, Path label) {
        if (raw.overflowed) {
            throw new MalformedBundleException(label,
                    "release.json и release.sig должны идти в начале zip-архива, а перед ними больше "
                            + PROBE_BYTES + " байт",
                    "release.json and release.sig must open the zip, but more than " + PROBE_BYTES
                            + " bytes come before them", null);
        }
        byte[] head = raw.recorded.toByteArray();
        raw.recorded = null;
        return StreamedBundle.unordered(new SequenceInputStream(new ByteArrayInputStream(head), raw.in));
    }

    /**
     * The body as read: records the first bytes (for a replay) and keeps the last ones (the zip's
     * end record). Not closed here: the body is the caller's.
     */
    private static final class Raw extends InputStream {
        private final InputStream in;
        private ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private boolean overflowed;
        /** A ring of the last bytes read; {@link #total} says where it ends. */
        private final byte[] tail = new byte[END_RECORD_MAX];
        private long total;

        Raw(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            if (recorded != null && !overflowed) {
                if (recorded.size() + n > PROBE_BYTES) {
                    overflowed = true;
                } else {
                    recorded.write(b, off, n);
                }
            }
            // Only the last END_RECORD_MAX bytes of this read can matter.
            int from = Math.max(0, n - tail.length);
            for (int i = from; i < n; ) {
                int at = (int) ((total + i) % tail.length);
                int chunk = Math.min(n - i, tail.length - at);
                System.arraycopy(b, off + i, tail, at, chunk);
                i += chunk;
            }
            total += n;
            return n;
        }

        void stopRecording() {
            recorded = null;
        }

        /** Reads the rest (the central directory, a zip comment) past the last entry. */
        void drain() throws IOException {
            byte[] buffer = new byte[BUFFER];
            while (read(buffer, 0, buffer.length) >= 0) {
                // read() keeps the tail
            }
        }

        /**
         * The end record must close the stream and count as many entries as were read, its
         * central directory ending right before it: else the zip was cut or is not one zip.
         */
        void checkEndRecord(Path label, long entries) {
            int kept = (int) Math.min(total, tail.length);
            byte[] last = new byte[kept];
            for (int i = 0; i < kept; i++) {
                last[i] = tail[(int) ((total - kept + i) % tail.length)];
            }
            for (int at = kept - 22; at >= 0; at--) {
                if (last[at] == 0x50 && last[at + 1] == 0x4b && last[at + 2] == 0x05 && last[at + 3] == 0x06
                        && at + 22 + u16(last, at + 20) == kept) {
                    long count = u16(last, at + 10);
                    long size = u32(last, at + 12);
                    long offset = u32(last, at + 16);
                    boolean zip64 = count == 0xFFFF || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL;
                    if (!zip64 && (count != entries || offset + size != total - kept + at)) {
                        throw new MalformedBundleException(label,
                                "оглавление zip-архива не сходится с его записями (" + count + " вместо " + entries + ")",
                                "the zip's directory does not match its entries (" + count + " instead of " + entries + ")",
                                null);
                    }
                    return;
                }
            }
            throw new MalformedBundleException(label, "zip-архив обрезан: нет его оглавления в конце",
                    "the zip is truncated: its directory is missing at the end", null);
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
        }

        private static long u32(byte[] b, int at) {
            return u16(b, at) | (long) u16(b, at + 2) << 16;
        }
    }
}
