package ru.ksamu.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import ru.ksamu.release.AlreadyExistsException;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.manifest.SizeLimitException;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * Builds and opens release bundles. A bundle is a folder or a {@code .zip} holding
 * {@code release.json}, {@code release.sig} and the files listed in the manifest, at their paths.
 */
public final class Bundles {

    /** The name of the signature file beside release.json. */
    public static final String SIGNATURE_FILE = "release.sig";
    /** Largest release.sig read. */
    static final int MAX_SIGNATURE_BYTES = 4096;

    private Bundles() {
    }

    /** Builds with the {@link Limits#DEFAULT default limits}; see {@link #build(Path, Path, ReleaseInfo, SigningKey, Limits)}. */
    public static ReleaseManifest build(Path sourceFolder, Path out, ReleaseInfo info, SigningKey releaseKey) {
        return build(sourceFolder, out, info, releaseKey, Limits.DEFAULT);
    }

    /**
     * Builds a signed bundle from a source folder that holds {@code scripts/}, {@code client/}
     * and {@code server/} (each optional, nothing else allowed).
     *
     * @param out        the bundle to write: a zip if the name ends in {@code .zip}, else a
     *                   folder; it must not exist and must not lie inside the source folder
     * @param releaseKey the vendor's release key, which signs the exact bytes of release.json
     * @return the manifest written
     * @throws AlreadyExistsException if {@code out} exists
     * @throws ru.ksamu.release.manifest.UnsafePathException    for an unsafe path or a link in the source
     * @throws ru.ksamu.release.manifest.DuplicatePathException for two files that are one on a client
     * @throws SizeLimitException                                for files over the limits
     */
    public static ReleaseManifest build(Path sourceFolder, Path out, ReleaseInfo info, SigningKey releaseKey,
                                        Limits limits) {
        Path source = sourceFolder.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidArgumentException(sourceFolder.toString(), "Исходная папка " + sourceFolder + " не найдена",
                    "source folder " + sourceFolder + " not found");
        }
        if (target.startsWith(source)) {
            throw new InvalidArgumentException(out.toString(),
                    "Пакет " + out + " нельзя писать внутрь исходной папки " + sourceFolder,
                    "the bundle " + out + " must not be written inside the source folder " + sourceFolder);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AlreadyExistsException(out);
        }
        List<SourceScanner.SourceFile> files = SourceScanner.scan(source);
        ReleaseManifest manifest = new ReleaseManifest(info.version(), info.notes(), info.regions(), info.publishedAt(),
                info.minFromVersion(), files.stream().map(SourceScanner.SourceFile::entry).toList());
        limits.check(manifest.files());
        byte[] bytes = manifest.toCanonicalJson();
        DetachedSignature signature = releaseKey.sign(bytes);
        new BundleWriter(bytes, signature.toText(), info.publishedAt(), files).write(target, isZip(target));
        return manifest;
    }

    /** Opens with the {@link Limits#DEFAULT default limits}; see {@link #open(Path, TrustedKeys, Limits)}. */
    public static Bundle open(Path bundle, TrustedKeys trustedKeys) {
        return open(bundle, trustedKeys, Limits.DEFAULT);
    }

    /**
     * Opens a bundle folder or zip and verifies it completely before returning: the manifest's
     * signature by a trusted key, the limits, every listed file present with the right size and
     * SHA-256, and no other file. A zip is read in place, nothing is written to disk.
     *
     * @param trustedKeys the pinned vendor release keys
     * @return the verified bundle; close it when done
     * @throws ru.ksamu.release.ReleaseException a subclass naming the first problem found
     */
    public static Bundle open(Path bundle, TrustedKeys trustedKeys, Limits limits) {
        if (Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            return FolderBundle.open(bundle, trustedKeys, limits);
        }
        if (!Files.isRegularFile(bundle, LinkOption.NOFOLLOW_LINKS)) {
            throw new MalformedBundleException(bundle, "нет такой папки или zip-файла", "no such folder or zip file", null);
        }
        return ZipBundle.open(bundle, trustedKeys, limits);
    }

    /**
     * Verifies a zip bundle in one pass while its bytes arrive, with the same checks as
     * {@link #open}: release.json and release.sig must be the zip's first two entries (as
     * {@link #build} writes them); the signature by a trusted key and the limits are checked before
     * any file is read; then every entry, in the zip's order, must be a listed file met once, at a
     * safe path, and its bytes go through the size and SHA-256 check into {@code sink}; no listed
     * file may be missing, and the zip's end record must follow (a cut stream is refused).
     * <p>
     * A zip that does not begin with the two documents (an older or repacked bundle, or no zip at
     * all) is not refused here: the result is then not verified and offers the whole input again
     * ({@link StreamedBundle#replay()}), to be copied and {@linkplain #open opened}. At most
     * about {@link Limits#MAX_DOCUMENT_BYTES} plus 1 MiB are held in memory for that.
     *
     * @param in    the bundle's bytes; read, never closed
     * @param label how messages name the bundle
     * @param sink  where the files' bytes go; trust them only if this returns a verified bundle
     * @throws ru.ksamu.release.ReleaseException a subclass naming the first problem found
     * @throws IOException                       reading {@code in} or writing to the sink failed
     */
    public static StreamedBundle verifyStream(InputStream in, Path label, TrustedKeys trustedKeys, Limits limits,
                                              BundleSink sink) throws IOException {
        return BundleStream.verify(in, label, trustedKeys, limits, sink);
    }

    static boolean isZip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Parses release.json, verifies its signature, then checks the limits. */
    static Bundle.VerifiedManifest verifyManifest(byte[] manifestBytes, byte[] signatureBytes, TrustedKeys trustedKeys,
                                                  Limits limits) {
        ReleaseManifest manifest = ReleaseManifest.parse(manifestBytes);
        DetachedSignature signature = DetachedSignature.parse(new String(signatureBytes, StandardCharsets.UTF_8),
                SIGNATURE_FILE);
        trustedKeys.verifyRelease(manifestBytes, signature, manifest.version());
        limits.check(manifest.files());
        return new Bundle.VerifiedManifest(manifest, manifestBytes, signature);
    }

    /** Reads a small document, refusing it without reading further once it passes the limit. */
    static byte[] readBounded(InputStream in, String name, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw SizeLimitException.document(name, bytes.length, limit);
        }
        return bytes;
    }
}
