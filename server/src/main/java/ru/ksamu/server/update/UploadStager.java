package ru.ksamu.server.update;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.ksamu.release.bundle.BundleSink;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.server.releases.ReleaseStore;

/**
 * The sink of an upload's one-pass verification ({@link ru.ksamu.release.bundle.Bundles#verifyStream}):
 * each file the store lacks goes into its staging part file as it arrives. Nothing here is a
 * verdict: the parts become blobs only after the library has verified the whole bundle
 * ({@link ReleaseImport}), and {@link #discard()} removes every part this upload wrote that was not
 * committed. A failure to write a part is remembered, so the import can tell a full disk from a
 * cut upload.
 */
final class UploadStager implements BundleSink {

    private static final Logger log = LoggerFactory.getLogger(UploadStager.class);

    private final ReleaseStore store;
    private final Consumer<ReleaseManifest> check;
    private final Set<String> written = new HashSet<>();
    private final List<String> touched = new ArrayList<>();
    private IOException writeFailure;

    /** @param check called with the signed manifest before any file is read; throws to refuse the release */
    UploadStager(ReleaseStore store, Consumer<ReleaseManifest> check) {
        this.store = store;
        this.check = check;
    }

    @Override
    public void manifestVerified(ReleaseManifest manifest) {
        check.accept(manifest);
    }

    @Override
    public OutputStream open(ManifestEntry entry) throws IOException {
        String sha = entry.sha256();
        if (written.contains(sha) || store.hasBlob(sha)) {
            // Verified all the same by the library; its bytes are already here.
            return OutputStream.nullOutputStream();
        }
        touched.add(sha);
        try {
            OutputStream out = Files.newOutputStream(store.part(sha), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            written.add(sha);
            return new Recording(out);
        } catch (IOException e) {
            writeFailure = e;
            throw e;
        }
    }

    /** The hashes whose part files this upload wrote (whole only if the verification passed). */
    Set<String> written() {
        return written;
    }

    /** The first failure to write a part, if any. */
    IOException writeFailure() {
        return writeFailure;
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

    /** A part file that remembers its write failures (not a FilterOutputStream: that writes byte by byte). */
    private final class Recording extends OutputStream {
        private final OutputStream out;

        Recording(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                writeFailure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                writeFailure = e;
                throw e;
            }
        }
    }
}
