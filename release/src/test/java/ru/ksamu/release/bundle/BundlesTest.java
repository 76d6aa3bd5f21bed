package ru.ksamu.release.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.ksamu.release.AlreadyExistsException;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.HashMismatchException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.SizeMismatchException;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKeys;

class BundlesTest {

    private static final ReleaseInfo INFO = new ReleaseInfo(Version.parse("6.0.51.22966"), "Исправлен отчёт",
            List.of("09"), Instant.parse("2024-06-01T18:29:00Z"), Optional.of(Version.parse("6.0.50.1")));

    private final SigningKeyPair vendor = SigningKeyPair.generate();
    private final TrustedKeys trusted = TrustedKeys.of(vendor.trustedKey());
    private final byte[] appJar = new byte[50_000];

    @TempDir
    Path temp;
    private Path source;

    @BeforeEach
    void writeSource() throws IOException {
        new Random(7).nextBytes(appJar);
        source = temp.resolve("src");
        write("scripts/V6_0_51__add_column.sql", "ALTER TABLE patient ADD snils VARCHAR(14);");
        Files.write(Files.createDirectories(source.resolve("client")).resolve("app.jar"), appJar);
        write("client/lib/Отчёт.frx", "<report/>");
        write("server/ksamu-server.jar", "server");
    }

    @Test
    void aBuiltZipOpensWithEveryFileVerified() throws IOException {
        ReleaseManifest built = Bundles.build(source, temp.resolve("out/bundle.zip"), INFO, vendor.signingKey());

        try (Bundle bundle = Bundles.open(temp.resolve("out/bundle.zip"), trusted)) {
            assertThat(bundle.manifest()).isEqualTo(built);
            assertThat(bundle.manifest().files()).extracting(ManifestEntry::path).containsExactly("client/app.jar",
                    "client/lib/Отчёт.frx", "scripts/V6_0_51__add_column.sql", "server/ksamu-server.jar");
            assertThat(bundle.manifest().files()).extracting(ManifestEntry::role)
                    .containsExactly(FileRole.CLIENT, FileRole.CLIENT, FileRole.SCRIPTS, FileRole.SERVER);
            assertThat(bundle.manifest().files().get(0).sha256()).isEqualTo(Sha256.of(appJar));
            assertThat(bundle.signature().keyId()).isEqualTo(vendor.trustedKey().keyId());
            try (InputStream in = bundle.openFile(bundle.manifest().files().get(0))) {
                assertThat(in.readAllBytes()).isEqualTo(appJar);
            }
        }
    }

    @Test
    void aBuiltFolderOpensAndHoldsTheSignedManifestBytes() throws IOException {
        Path out = temp.resolve("bundle");
        Bundles.build(source, out, INFO, vendor.signingKey());

        try (Bundle bundle = Bundles.open(out, trusted)) {
            assertThat(bundle.manifestBytes()).isEqualTo(Files.readAllBytes(out.resolve("release.json")));
            assertThat(Files.readString(out.resolve("release.sig"))).isEqualTo(bundle.signature().toText() + "\n");
            assertThat(out.resolve("client/lib/Отчёт.frx")).hasContent("<report/>");
        }
    }

    @Test
    void buildingTwiceGivesTheSameZipBytes() throws IOException {
        Bundles.build(source, temp.resolve("a.zip"), INFO, vendor.signingKey());
        Bundles.build(source, temp.resolve("b.zip"), INFO, vendor.signingKey());

        assertThat(Files.readAllBytes(temp.resolve("a.zip"))).isEqualTo(Files.readAllBytes(temp.resolve("b.zip")));
    }

    @Test
    void tamperedClientFileInAZipIsRefusedNamingThePath() throws IOException {
        Path zip = buildZip();
        Map<String, byte[]> entries = Zips.read(zip);
        byte[] tampered = appJar.clone();
        tampered[100] ^= 1;
        entries.put("client/app.jar", tampered);
        Zips.write(zip, entries);

        assertThatThrownBy(() -> Bundles.open(zip, trusted))
                .isInstanceOf(HashMismatchException.class)
                .hasMessage("Файл client/app.jar: SHA-256 " + Sha256.of(tampered) + " не совпадает с манифестом "
                        + Sha256.of(appJar) + " / client/app.jar has SHA-256 " + Sha256.of(tampered)
                        + " but the manifest says " + Sha256.of(appJar));
    }

    @Test
    void tamperedClientFileInAFolderIsRefusedNamingThePath() throws IOException {
        Path out = temp.resolve("bundle");
        Bundles.build(source, out, INFO, vendor.signingKey());
        Files.writeString(out.resolve("server/ksamu-server.jar"), "SERVER");

        assertThatThrownBy(() -> Bundles.open(out, trusted)).isInstanceOf(HashMismatchException.class)
                .hasMessageContaining("server/ksamu-server.jar has SHA-256");
    }

    @Test
    void aFileChangedAfterOpeningIsStillRefusedWhenRead() throws IOException {
        Path out = temp.resolve("bundle");
        Bundles.build(source, out, INFO, vendor.signingKey());
        try (Bundle bundle = Bundles.open(out, trusted)) {
            Files.writeString(out.resolve("server/ksamu-server.jar"), "SERVER");
            ManifestEntry server = bundle.manifest().files().get(3);

            assertThatThrownBy(() -> bundle.openFile(server).readAllBytes()).isInstanceOf(HashMismatchException.class);
        }
    }

    @Test
    void aTamperedManifestIsRefusedAsABadSignature() throws IOException {
        Path zip = buildZip();
        Map<String, byte[]> entries = Zips.read(zip);
        String json = new String(entries.get("release.json"), StandardCharsets.UTF_8);
        entries.put("release.json", json.replace("\"regions\":[\"09\"]", "\"regions\":[]").getBytes(StandardCharsets.UTF_8));
        Zips.write(zip, entries);

        assertThatThrownBy(() -> Bundles.open(zip, trusted)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Релиз 6.0.51.22966: подпись ключом " + vendor.trustedKey().keyId() + " не сходится")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.BAD_SIGNATURE));
    }

    @Test
    void aBundleSignedByAnotherKeyIsRefusedAsUntrusted() {
        Path zip = buildZip();
        TrustedKeys other = TrustedKeys.of(SigningKeyPair.generate().trustedKey());

        assertThatThrownBy(() -> Bundles.open(zip, other)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("signed by key " + vendor.trustedKey().keyId() + ", which is not trusted")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.UNTRUSTED_KEY));
    }

    @Test
    void missingAndExtraFilesAreRefusedNamingThem() throws IOException {
        Path out = temp.resolve("bundle");
        Bundles.build(source, out, INFO, vendor.signingKey());
        Files.writeString(out.resolve("client/extra.dll"), "x");
        assertThatThrownBy(() -> Bundles.open(out, trusted)).isInstanceOf(ExtraFileException.class)
                .hasMessage("Файл client/extra.dll лежит в пакете, но его нет в манифесте"
                        + " / client/extra.dll is in the bundle but not in the manifest");

        Files.delete(out.resolve("client/extra.dll"));
        Files.delete(out.resolve("client/app.jar"));
        assertThatThrownBy(() -> Bundles.open(out, trusted)).isInstanceOf(MissingFileException.class)
                .hasMessageContaining("client/app.jar");
    }

    @Test
    void aZipWithoutOneOfTheFilesOrWithAnExtraEntryIsRefused() throws IOException {
        Path zip = buildZip();
        Map<String, byte[]> entries = Zips.read(zip);
        entries.remove("scripts/V6_0_51__add_column.sql");
        Zips.write(zip, entries);
        assertThatThrownBy(() -> Bundles.open(zip, trusted)).isInstanceOf(MissingFileException.class)
                .hasMessageContaining("scripts/V6_0_51__add_column.sql");

        Map<String, byte[]> extra = Zips.read(buildZip("extra.zip"));
        extra.put("readme.txt", new byte[1]);
        Path withExtra = Zips.write(temp.resolve("extra.zip"), extra);
        assertThatThrownBy(() -> Bundles.open(withExtra, trusted)).isInstanceOf(ExtraFileException.class)
                .hasMessageContaining("readme.txt");
    }

    @Test
    void zipSlipEntriesAreRefusedNamingTheEntry() throws IOException {
        for (String evil : List.of("../evil.txt", "client/../../evil.txt", "/etc/cron.d/evil", "C:\\evil.txt")) {
            Map<String, byte[]> entries = Zips.read(buildZip(evil.hashCode() + ".zip"));
            entries.put(evil, "boom".getBytes(StandardCharsets.US_ASCII));
            Path zip = Zips.write(temp.resolve("slip.zip"), entries);

            assertThatThrownBy(() -> Bundles.open(zip, trusted)).isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("\"" + evil + "\"")
                    .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.UNSAFE_PATH));
            assertThat(temp.resolve("evil.txt")).doesNotExist();
        }
    }

    @Test
    void duplicateZipEntriesAreRefusedAlsoWhenTheyDifferOnlyByCase() throws IOException {
        Map<String, byte[]> entries = Zips.read(buildZip());
        entries.put("client/APP.jar", appJar);
        Path caseTwin = Zips.write(temp.resolve("case.zip"), entries);
        assertThatThrownBy(() -> Bundles.open(caseTwin, trusted)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("client/APP.jar")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.DUPLICATE_PATH));

        Map<String, byte[]> twins = Zips.read(buildZip("exact-src.zip"));
        twins.put("client/app.ja_", appJar);
        Path exactTwin = Zips.write(temp.resolve("exact.zip"), twins);
        Zips.renameRaw(exactTwin, "client/app.ja_", "client/app.jar");
        assertThatThrownBy(() -> Bundles.open(exactTwin, trusted)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("\"client/app.jar\" is listed twice");
    }

    @Test
    void aZipBombWhoseCentralDirectoryAdmitsItsSizeIsRefusedBeforeInflating() throws IOException {
        Path zip = buildZip();
        Map<String, byte[]> entries = Zips.read(zip);
        entries.remove("client/app.jar");
        Zips.writeWithZeros(zip, entries, "client/app.jar", 64L << 20);

        assertThatThrownBy(() -> Bundles.open(zip, trusted)).isInstanceOf(SizeMismatchException.class)
                .hasMessageContaining("client/app.jar is longer than the manifest's 50000 bytes: at least 67108864 bytes");
    }

    @Test
    void aZipBombThatLiesAboutItsSizeIsStoppedRightAfterTheManifestSize() throws IOException {
        Path zip = buildZip();
        Map<String, byte[]> entries = Zips.read(zip);
        entries.remove("client/app.jar");
        Zips.writeWithZeros(zip, entries, "client/app.jar", 64L << 20);
        Zips.forgeDeclaredSize(zip, "client/app.jar", appJar.length);
        assertThat(Files.size(zip)).isLessThan(2L << 20);

        assertThatThrownBy(() -> Bundles.open(zip, trusted)).isInstanceOf(SizeMismatchException.class)
                .hasMessageContaining("client/app.jar is longer than the manifest's 50000 bytes")
                .satisfies(e -> assertThat(((SizeMismatchException) e).actual()).isLessThan(50_000 + (1 << 20)));
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("src", "bundle.zip");
        }
    }

    @Test
    void anEntryOverTheLimitsIsRefusedWithoutReadingIt() {
        Path zip = buildZip();

        assertThatThrownBy(() -> Bundles.open(zip, trusted, new Limits(10_000, 1L << 30, 100)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Файл client/app.jar: 50000 байт, больше предела 10000")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.SIZE_LIMIT));
    }

    @Test
    void anOversizedSourceFileIsRefusedAtBuildAndNothingIsWritten() {
        Path out = temp.resolve("bundle.zip");

        assertThatThrownBy(() -> Bundles.build(source, out, INFO, vendor.signingKey(), new Limits(10_000, 1L << 30, 100)))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("client/app.jar has 50000 bytes");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedZipIsRefused() throws IOException {
        Path zip = buildZip();
        byte[] bytes = Files.readAllBytes(zip);
        for (int cut : new int[] {bytes.length / 2, bytes.length - 10, 30}) {
            Path truncated = Files.write(temp.resolve("truncated.zip"), Arrays.copyOf(bytes, cut));

            assertThatThrownBy(() -> Bundles.open(truncated, trusted)).isInstanceOf(MalformedBundleException.class)
                    .hasMessageContaining("truncated.zip")
                    .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.MALFORMED_BUNDLE));
        }
    }

    @Test
    void aBundleWithoutItsSignatureIsRefused() throws IOException {
        Path out = temp.resolve("bundle");
        Bundles.build(source, out, INFO, vendor.signingKey());
        Files.delete(out.resolve("release.sig"));

        assertThatThrownBy(() -> Bundles.open(out, trusted)).isInstanceOf(MalformedBundleException.class)
                .hasMessageContaining("there is no release.sig");
    }

    @Test
    void aSourceFolderWithAnythingButTheThreeRoleFoldersIsRefused() throws IOException {
        write("docs/readme.txt", "x");
        assertThatThrownBy(() -> Bundles.build(source, temp.resolve("a.zip"), INFO, vendor.signingKey()))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("\"docs/\"")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.UNSAFE_PATH));

        Files.delete(source.resolve("docs/readme.txt"));
        Files.delete(source.resolve("docs"));
        write("readme.txt", "x");
        assertThatThrownBy(() -> Bundles.build(source, temp.resolve("a.zip"), INFO, vendor.signingKey()))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("\"readme.txt\"");
    }

    @Test
    void sourceFilesDifferingOnlyByCaseAreRefused() throws IOException {
        write("client/App.jar", "other");

        assertThatThrownBy(() -> Bundles.build(source, temp.resolve("a.zip"), INFO, vendor.signingKey()))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("client/App.jar")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.DUPLICATE_PATH));
    }

    @Test
    void linksInTheSourceAreRefused() throws IOException {
        try {
            Files.createSymbolicLink(source.resolve("client/passwd"), Files.writeString(temp.resolve("secret"), "x"));
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links are not available here");
        }

        assertThatThrownBy(() -> Bundles.build(source, temp.resolve("a.zip"), INFO, vendor.signingKey()))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("\"client/passwd\"")
                .hasMessageContaining("a link or a special file");
    }

    @Test
    void anExistingBundleIsNeverOverwritten() throws IOException {
        Path out = Files.writeString(temp.resolve("bundle.zip"), "keep me");

        assertThatThrownBy(() -> Bundles.build(source, out, INFO, vendor.signingKey()))
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("bundle.zip");
        assertThat(out).hasContent("keep me");
    }

    private Path buildZip() {
        return buildZip("bundle.zip");
    }

    private Path buildZip(String name) {
        Path zip = temp.resolve(name);
        Bundles.build(source, zip, INFO, vendor.signingKey());
        return zip;
    }

    private void write(String path, String content) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
