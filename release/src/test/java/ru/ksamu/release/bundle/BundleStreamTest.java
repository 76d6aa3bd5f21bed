package ru.ksamu.release.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKeys;
import ru.ksamu.release.signing.UntrustedKeyException;

/** {@link Bundles#verifyStream}: one pass over a zip bundle's bytes, the same checks as {@link Bundles#open}. */
class BundleStreamTest {

    private static final ReleaseInfo INFO = new ReleaseInfo(Version.parse("6.0.51.22966"), "Исправлен отчёт",
            List.of("09"), Instant.parse("2024-06-01T18:29:00Z"), Optional.of(Version.parse("6.0.50.1")));

    private final SigningKeyPair vendor = SigningKeyPair.generate();
    private final TrustedKeys trusted = TrustedKeys.of(vendor.trustedKey());
    private final byte[] appJar = new byte[50_000];
    /** What the sink received, file by file, and what it was told in which order. */
    private final Map<String, ByteArrayOutputStream> sunk = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();

    @TempDir
    Path temp;
    private Path zip;

    @BeforeEach
    void buildBundle() throws IOException {
        new Random(7).nextBytes(appJar);
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("scripts"));
        Files.writeString(source.resolve("scripts/V6_0_51__add_column.sql"), "ALTER TABLE patient ADD snils VARCHAR(14);");
        Files.write(Files.createDirectories(source.resolve("client")).resolve("app.jar"), appJar);
        Files.createDirectories(source.resolve("server"));
        Files.writeString(source.resolve("server/ksamu-server.jar"), "server");
        zip = temp.resolve("bundle.zip");
        Bundles.build(source, zip, INFO, vendor.signingKey());
    }

    private final BundleSink sink = new BundleSink() {
        @Override
        public void manifestVerified(ReleaseManifest manifest) {
            events.add("manifest " + manifest.version());
        }

        @Override
        public OutputStream open(ManifestEntry entry) {
            events.add(entry.path());
            return sunk.computeIfAbsent(entry.path(), p -> new ByteArrayOutputStream());
        }
    };

    private StreamedBundle verify(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Bundles.verifyStream(in, file, trusted, Limits.DEFAULT, sink);
        }
    }

    private Path rewritten(String name, Map<String, byte[]> entries) throws IOException {
        return Zips.write(temp.resolve(name), entries);
    }

    @Test
    void aBuiltZipIsVerifiedInOnePassWithTheSignatureCheckedBeforeAnyFile() throws IOException {
        assertThat(Zips.read(zip).keySet()).as("the writer puts the documents first")
                .startsWith(ReleaseManifest.FILE_NAME, Bundles.SIGNATURE_FILE);

        StreamedBundle bundle = verify(zip);

        assertThat(bundle.isVerified()).isTrue();
        assertThat(bundle.manifestBytes()).isEqualTo(Zips.read(zip).get(ReleaseManifest.FILE_NAME));
        assertThat(bundle.signature().keyId()).isEqualTo(vendor.trustedKey().keyId());
        assertThat(events).containsExactly("manifest 6.0.51.22966", "client/app.jar", "scripts/V6_0_51__add_column.sql",
                "server/ksamu-server.jar");
        assertThat(sunk.get("client/app.jar").toByteArray()).isEqualTo(appJar);
        assertThat(sunk.get("server/ksamu-server.jar").toString(StandardCharsets.UTF_8)).isEqualTo("server");
        assertThatThrownBy(bundle::replay).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aZipNotBeginningWithTheDocumentsIsReplayedWholeForTheTwoPassWay() throws IOException {
        Map<String, byte[]> entries = Zips.read(zip);
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (!ZipEntries.isDocument(name)) {
                reordered.put(name, bytes);
            }
        });
        reordered.put(ReleaseManifest.FILE_NAME, entries.get(ReleaseManifest.FILE_NAME));
        reordered.put(Bundles.SIGNATURE_FILE, entries.get(Bundles.SIGNATURE_FILE));
        Path old = rewritten("old-order.zip", reordered);

        StreamedBundle result = verify(old);

        assertThat(result.isVerified()).isFalse();
        assertThat(sunk).as("nothing reaches the sink unverified").isEmpty();
        byte[] replayed;
        try (InputStream in = Files.newInputStream(old)) {
            replayed = Bundles.verifyStream(in, old, trusted, Limits.DEFAULT, sink).replay().readAllBytes();
        }
        assertThat(replayed).isEqualTo(Files.readAllBytes(old));
        Path copy = Files.write(temp.resolve("copy.zip"), replayed);
        try (Bundle bundle = Bundles.open(copy, trusted)) {
            assertThat(bundle.manifest().version()).isEqualTo(INFO.version());
        }
        assertThatThrownBy(result::manifest).isInstanceOf(IllegalStateException.class);
        // Not a zip at all: also handed back, for the two-pass way to name the trouble.
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);
        assertThat(Bundles.verifyStream(new ByteArrayInputStream(noise), temp.resolve("noise.zip"), trusted,
                Limits.DEFAULT, sink).replay().readAllBytes()).isEqualTo(noise);
    }

    @Test
    void aForeignSignatureIsRefusedBeforeAnyFileReachesTheSink() {
        TrustedKeys other = TrustedKeys.of(SigningKeyPair.generate().trustedKey());

        assertThatThrownBy(() -> {
            try (InputStream in = Files.newInputStream(zip)) {
                Bundles.verifyStream(in, zip, other, Limits.DEFAULT, sink);
            }
        }).isInstanceOf(UntrustedKeyException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void missingExtraAndDuplicateEntriesAreRefusedNamingThem() throws IOException {
        Map<String, byte[]> missing = Zips.read(zip);
        missing.remove("scripts/V6_0_51__add_column.sql");
        Path withoutOne = rewritten("missing.zip", missing);
        assertThatThrownBy(() -> verify(withoutOne)).isInstanceOf(MissingFileException.class)
                .hasMessageContaining("scripts/V6_0_51__add_column.sql");

        Map<String, byte[]> extra = Zips.read(zip);
        extra.put("readme.txt", new byte[1]);
        Path withExtra = rewritten("extra.zip", extra);
        assertThatThrownBy(() -> verify(withExtra)).isInstanceOf(ExtraFileException.class)
                .hasMessageContaining("readme.txt");

        Map<String, byte[]> twins = Zips.read(zip);
        twins.put("client/app.ja_", appJar);
        Path exactTwin = rewritten("twin.zip", twins);
        Zips.renameRaw(exactTwin, "client/app.ja_", "client/app.jar");
        assertThatThrownBy(() -> verify(exactTwin)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("\"client/app.jar\" is listed twice")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.DUPLICATE_PATH));

        Map<String, byte[]> slip = Zips.read(zip);
        slip.put("../evil.txt", new byte[1]);
        Path evil = rewritten("slip.zip", slip);
        assertThatThrownBy(() -> verify(evil)).isInstanceOf(ReleaseException.class)
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.UNSAFE_PATH));
    }

    @Test
    void aTamperedFileIsRefusedNamingItsPath() throws IOException {
        Map<String, byte[]> entries = Zips.read(zip);
        entries.get("client/app.jar")[100] ^= 1;
        Path tampered = rewritten("tampered.zip", entries);

        assertThatThrownBy(() -> verify(tampered)).isInstanceOf(HashMismatchException.class)
                .hasMessageContaining("client/app.jar");
    }

    @Test
    void anEntryLargerThanTheManifestSaysIsStoppedRightAfterTheListedSize() throws IOException {
        Map<String, byte[]> entries = Zips.read(zip);
        entries.remove("client/app.jar");
        Path bomb = Zips.writeWithZeros(temp.resolve("bomb.zip"), entries, "client/app.jar", 64L << 20);
        assertThat(Files.size(bomb)).isLessThan(2L << 20);

        assertThatThrownBy(() -> verify(bomb)).isInstanceOf(SizeMismatchException.class)
                .hasMessageContaining("client/app.jar is longer than the manifest's 50000 bytes")
                .satisfies(e -> assertThat(((SizeMismatchException) e).actual()).isLessThan(50_000 + (1 << 20)));
        assertThat(sunk.get("client/app.jar").size()).isLessThanOrEqualTo(50_000);
    }

    @Test
    void aCutStreamIsRefusedWhereverItEnds() throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        int directory = lastIndexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02}, bytes.length);
        directory = firstCentralHeader(bytes, directory);
        for (int cut : new int[] {bytes.length / 2, directory, directory + 10, bytes.length - 10, bytes.length - 1}) {
            Path truncated = Files.write(temp.resolve("cut-" + cut + ".zip"), Arrays.copyOf(bytes, cut));

            assertThatThrownBy(() -> verify(truncated)).as("cut at " + cut + " of " + bytes.length)
                    .isInstanceOf(MalformedBundleException.class).hasMessageContaining("cut-" + cut + ".zip")
                    .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.MALFORMED_BUNDLE));
        }
    }

    /** The first central directory header: the one before which no other is found. */
    private static int firstCentralHeader(byte[] bytes, int from) {
        int at = from;
        for (int before = lastIndexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02}, at); before >= 0;
             before = lastIndexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02}, at)) {
            at = before;
        }
        return at;
    }

    private static int lastIndexOf(byte[] bytes, byte[] what, int before) {
        for (int i = before - what.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
