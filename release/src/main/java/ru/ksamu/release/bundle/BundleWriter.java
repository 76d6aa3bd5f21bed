package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import ru.ksamu.release.AlreadyExistsException;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.VerifyingInputStream;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SafePath;

/**
 * Writes a bundle into a temporary sibling of its target and renames it into place, so a
 * half-written bundle never carries the target's name. Every file is copied through a
 * {@link VerifyingInputStream}, so a source file changed since it was hashed fails the build.
 */
final class BundleWriter {

    private final byte[] manifestBytes;
    private final String signatureText;
    private final Instant publishedAt;
    private final List<SourceScanner.SourceFile> files;

    BundleWriter(byte[] manifestBytes, String signatureText, Instant publishedAt, List<SourceScanner.SourceFile> files) {
        this.manifestBytes = manifestBytes;
        this.signatureText = signatureText + "\n";
        this.publishedAt = publishedAt;
        this.files = files;
    }

    void write(Path out, boolean zip) {
        Path parent = out.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            // Not createTempFile: that makes the file owner-only, and a bundle is not a secret.
            temp = parent.resolve("." + out.getFileName() + "-" + UUID.randomUUID() + ".part");
            if (zip) {
                Files.createFile(temp);
            } else {
                Files.createDirectory(temp);
            }
            if (zip) {
                writeZip(temp);
            } else {
                writeFolder(temp);
            }
            // A plain move (a rename on one file system) refuses an existing target; ATOMIC_MOVE might replace it.
            Files.move(temp, out);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException(out);
        } catch (IOException e) {
            throw new ReleaseIoException(out, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private void writeZip(Path zipFile) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile))) {
            putEntry(zip, ReleaseManifest.FILE_NAME);
            zip.write(manifestBytes);
            putEntry(zip, Bundles.SIGNATURE_FILE);
            zip.write(signatureText.getBytes(StandardCharsets.US_ASCII));
            for (SourceScanner.SourceFile file : files) {
                putEntry(zip, file.entry().path());
                copy(file, zip);
            }
            zip.closeEntry();
        }
    }

    private void putEntry(ZipOutputStream zip, String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // A fixed time makes the zip depend only on the release, not on when it was packed.
        entry.setTime(publishedAt.toEpochMilli());
        zip.putNextEntry(entry);
    }

    private void writeFolder(Path folder) throws IOException {
        Files.write(folder.resolve(ReleaseManifest.FILE_NAME), manifestBytes);
        Files.writeString(folder.resolve(Bundles.SIGNATURE_FILE), signatureText, StandardCharsets.US_ASCII);
        for (SourceScanner.SourceFile file : files) {
            Path target = SafePath.resolve(folder, file.entry().path());
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                copy(file, out);
            }
        }
    }

    private static void copy(SourceScanner.SourceFile file, OutputStream out) throws IOException {
        ManifestEntry entry = file.entry();
        try (InputStream in = new VerifyingInputStream(Files.newInputStream(file.file()), entry.path(),
                entry.size(), entry.sha256())) {
            in.transferTo(out);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            FileTrees.delete(path);
        } catch (IOException e) {
            // Best effort: the leftover is a hidden ".part" sibling, never the target itself.
        }
    }
}
