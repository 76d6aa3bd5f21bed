package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.download.ResumableDownload;
import ru.ksamu.release.manifest.ManifestEntry;

/**
 * One file from the upstream into its part file with {@link ResumableDownload}, its SHA-256
 * computed while the bytes stream in: a download from the first byte needs no second read of the
 * part (a 200 MB file is read once, not twice). A resumed download (206) is checked afterwards by
 * {@link ResumableDownload#verify}. Either way a part that does not match is deleted and refused.
 */
final class StreamedFile {

    private StreamedFile() {
    }

    static void fetch(ManifestEntry entry, Path part, ResumableDownload.Transport transport)
            throws IOException, InterruptedException {
        ResumableDownload.Wanted wanted = new ResumableDownload.Wanted(entry.path(), entry.size(), entry.sha256());
        MessageDigest[] whole = new MessageDigest[1];
        ResumableDownload.Transport hashing = (headers, maxBytes, receiver) -> transport.get(headers, maxBytes,
                (status, body) -> {
                    if (status != 200) {
                        whole[0] = null;
                        return receiver.receive(status, body);
                    }
                    whole[0] = Sha256.newDigest();
                    return receiver.receive(status, new DigestInputStream(body, whole[0]));
                });
        long written = ResumableDownload.transfer(wanted, part, hashing, bytes -> { });
        if (whole[0] != null && written == entry.size()) {
            // Every byte of the part passed the digest, and no byte more (a longer answer is refused by transfer).
            String actual = Sha256.hex(whole[0].digest());
            if (!actual.equals(entry.sha256())) {
                Files.deleteIfExists(part);
                throw new HashMismatchException(entry.path(), actual, entry.sha256());
            }
            return;
        }
        ResumableDownload.verify(wanted, part);
    }
}
