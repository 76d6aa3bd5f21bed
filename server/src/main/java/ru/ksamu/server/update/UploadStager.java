package ru.ksamu.server.update;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.ksamu.release.VerifyingInputStream;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.server.releases.ReleaseStore;

/**
 * Receives an upload into its file and, on the way, writes the bundle's files into the store's
 * staging, so that the import does not read the whole zip a second time after the library has
 * verified it. Only an optimisation, never a verdict: the parts are written through the release
 * library's {@link VerifyingInputStream} against the (not yet verified) release.json that comes
 * first in a bundle, so a part that exists holds exactly the bytes its SHA-256 name says; whether
 * they belong to a release is decided afterwards by {@code Bundles.open} on the whole file, and a
 * file not staged here (an unusual zip, a damaged entry) is copied from the verified bundle as usual.
 * Nothing here refuses a bundle: any trouble only stops the staging, the upload goes on.
 */
final class UploadStager {

    private static final Logger log = LoggerFactory.getLogger(UploadStager.class);

    private final ReleaseStore store;
    private final Set<String> staged = new HashSet<>();
    private final List<String> touched = new ArrayList<>();

    UploadStager(ReleaseStore store) {
        this.store = store;
    }

    /**
     * Copies {@code body} to its end into {@code out} (at most {@code max} bytes, else the
     * exception {@code tooLarge} makes), staging files on the way; returns the bytes received.
     * A failure of the body or of {@code out} is thrown as it came.
     */
    long receive(InputStream body, OutputStream out, long max, LongFunction<RuntimeException> tooLarge) throws IOException {
        Tee tee = new Tee(body, out, max, tooLarge);
        try {
            // ZipInputStream reads 512 bytes at a time: the buffer keeps the body's reads and the file's writes large.
            stage(new java.io.BufferedInputStream(tee, 1 << 20));
        } catch (IOException | RuntimeException e) {
            if (tee.failure != null) {
                throw tee.failure;
            }
            if (tee.tooLarge != null) {
                throw tee.tooLarge;
            }
            // The zip is not as `ksamu release build` writes it: the verification after the upload will say why.
            log.debug("Staging during the upload stopped: {}", e.toString());
        }
        tee.drain();
        return tee.count;
    }

    /** The hashes whose part files this upload wrote and verified. */
    Set<String> staged() {
        return staged;
    }

    /** Removes the part files this upload wrote and the import did not commit. */
    void discard() {
        for (String sha : touched) {
            try {
                Files.deleteIfExists(store.part(sha));
            } catch (IOException e) {
                log.warn("Cannot remove the staged part {}", store.part(sha), e);
            }
        }
    }

    private void stage(InputStream in) throws IOException {
        // Not closed: closing would close the request's body; the rest is drained by the caller.
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry first = zip.getNextEntry();
        if (first == null || !first.getName().equals(ReleaseManifest.FILE_NAME)) {
            return;
        }
        byte[] json = zip.readNBytes(Limits.MAX_DOCUMENT_BYTES + 1);
        if (json.length > Limits.MAX_DOCUMENT_BYTES) {
            return;
        }
        Map<String, ManifestEntry> byPath = new HashMap<>();
        ReleaseManifest.parse(json).files().forEach(e -> byPath.put(e.path(), e));
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            ManifestEntry e = byPath.get(entry.getName());
            if (e == null || staged.contains(e.sha256()) || store.hasBlob(e.sha256())) {
                continue;
            }
            Path part = store.part(e.sha256());
            touched.add(e.sha256());
            try (OutputStream out = Files.newOutputStream(part)) {
                // Read to its end (not closed: that would close the zip stream); the end checks size and hash.
                new VerifyingInputStream(zip, e.path(), e.size(), e.sha256()).transferTo(out);
            } catch (IOException | RuntimeException failure) {
                Files.deleteIfExists(part);
                throw failure;
            }
            staged.add(e.sha256());
        }
    }

    /** The body as read: every byte also goes to the upload's file, counted against the limit. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream out;
        private final long max;
        private final LongFunction<RuntimeException> tooLargeFor;
        private long count;
        private IOException failure;
        private RuntimeException tooLarge;

        Tee(InputStream in, OutputStream out, long max, LongFunction<RuntimeException> tooLargeFor) {
            super(in);
            this.out = out;
            this.max = max;
            this.tooLargeFor = tooLargeFor;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                    if (count > max) {
                        tooLarge = tooLargeFor.apply(count);
                        throw tooLarge;
                    }
                    out.write(b, off, n);
                }
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Every byte must reach the file: skipping reads.
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            return Math.max(read(buffer, 0, buffer.length), 0);
        }

        @Override
        public void close() {
            // The request's body is the web server's to close.
        }

        /**
         * Reads what is left (the zip's central directory, or all of an unusual zip) into the file;
         * what a buffer above read ahead is already in the file, since it came through here.
         */
        void drain() throws IOException {
            byte[] buffer = new byte[1 << 20];
            while (read(buffer, 0, buffer.length) >= 0) {
                // read() writes and counts
            }
        }
    }
}
