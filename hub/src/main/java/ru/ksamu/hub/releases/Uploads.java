package ru.ksamu.hub.releases;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.hub.HubFolders;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.manifest.SizeLimitException;

/**
 * Receives an uploaded bundle into a temp file under {@code <data-dir>/uploads}, streaming (an
 * upload is never held in memory) and refusing it past {@code ksamu.hub.max-upload-size}: at once
 * when the declared length is larger, else as soon as the bytes pass the limit. An upload that
 * ends before its declared length is refused. Leftovers of a crash are removed at start.
 */
@Component
class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final int BUFFER = 256 * 1024;
    static final String DOCUMENT = "upload";

    private final Path dir;
    private final long limit;

    Uploads(HubFolders folders, PublishSettings settings) {
        this.dir = HubFolders.ensure(folders.uploads());
        this.limit = settings.maxUploadSize().toBytes();
        try (Stream<Path> old = Files.list(dir)) {
            old.forEach(Uploads::discard);
        } catch (IOException e) {
            log.warn("Cannot clean {}: {}", dir, e.toString());
        }
    }

    /** The largest upload taken, in bytes ({@code ksamu.hub.max-upload-size}). */
    long limit() {
        return limit;
    }

    /** Refuses an upload whose declared length (-1 if unknown) is over the limit, before reading it. */
    void checkDeclared(long declared) {
        if (declared > limit) {
            throw SizeLimitException.document(DOCUMENT, declared, limit);
        }
    }

    /**
     * Copies the request body into a new temp file; the caller deletes it with {@link #discard}.
     *
     * @param declared the Content-Length, or -1 when the body is chunked
     */
    Path receive(InputStream body, long declared) {
        checkDeclared(declared);
        Path file;
        try {
            file = Files.createTempFile(dir, "upload-", ".zip");
        } catch (IOException e) {
            throw new ReleaseIoException(dir, e);
        }
        try {
            long received = copy(body, file);
            if (declared >= 0 && received != declared) {
                throw new ReleaseRefusals.UploadTruncatedException(declared, received);
            }
            return file;
        } catch (RuntimeException e) {
            discard(file);
            throw e;
        }
    }

    private long copy(InputStream body, Path file) {
        long received = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    // The client went away or the connection broke mid-body.
                    throw new ReleaseRefusals.UploadTruncatedException(-1, received);
                }
                if (n < 0) {
                    return received;
                }
                received += n;
                if (received > limit) {
                    throw SizeLimitException.document(DOCUMENT, received, limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete upload {}: {}", file, e.toString());
        }
    }
}
