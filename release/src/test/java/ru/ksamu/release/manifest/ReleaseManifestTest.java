package ru.ksamu.release.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;

class ReleaseManifestTest {

    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    static final String CANONICAL = "{\"format\":1,\"version\":\"6.0.51.22966\",\"notes\":\"Исправлен отчёт\","
            + "\"regions\":[\"09\",\"10\"],\"publishedAt\":\"2024-06-01T18:29:00Z\",\"minFromVersion\":\"6.0.50.1\","
            + "\"files\":[{\"path\":\"client/app.jar\",\"size\":1024,\"sha256\":\"" + HASH_A + "\",\"role\":\"client\"},"
            + "{\"path\":\"scripts/V6_0_51__add_column.sql\",\"size\":12,\"sha256\":\"" + HASH_B + "\",\"role\":\"scripts\"}]}";

    static ReleaseManifest example() {
        return new ReleaseManifest(Version.parse("6.0.51.22966"), "Исправлен отчёт", List.of("10", "09"),
                Instant.parse("2024-06-01T18:29:00Z"), Optional.of(Version.parse("6.0.50.1")),
                List.of(ManifestEntry.of("scripts/V6_0_51__add_column.sql", 12, HASH_B),
                        ManifestEntry.of("client/app.jar", 1024, HASH_A)));
    }

    @Test
    void canonicalJsonHasAFixedFieldOrderSortedListsAndNoWhitespace() {
        assertThat(new String(example().toCanonicalJson(), StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    }

    @Test
    void parsingTheCanonicalBytesGivesAnEqualManifestAndTheSameBytes() {
        ReleaseManifest parsed = ReleaseManifest.parse(CANONICAL.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isEqualTo(example());
        assertThat(parsed.toCanonicalJson()).isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.totalSize()).isEqualTo(1036);
    }

    @Test
    void anAbsentLowerBoundIsWrittenAsNull() {
        ReleaseManifest manifest = new ReleaseManifest(Version.parse("6.0.51.1"), "", List.of(),
                Instant.parse("2024-06-01T18:29:00Z"), Optional.empty(), List.of());
        String json = new String(manifest.toCanonicalJson(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"regions\":[]").contains("\"minFromVersion\":null").endsWith("\"files\":[]}");
        assertThat(ReleaseManifest.parse(manifest.toCanonicalJson())).isEqualTo(manifest);
    }

    @Test
    void unknownFieldsAreRefusedNamingTheField() {
        assertRefused(CANONICAL.replace("{\"format\":1,", "{\"format\":1,\"channel\":\"stable\","),
                ErrorCode.MALFORMED_MANIFEST, "release.json: неизвестное поле \"channel\"");
        assertRefused(CANONICAL.replace("\"role\":\"client\"", "\"role\":\"client\",\"mode\":\"755\""),
                ErrorCode.MALFORMED_MANIFEST, "unknown field \"files[0].mode\"");
    }

    @Test
    void missingFieldsAreRefusedNamingTheField() {
        assertRefused(CANONICAL.replace("\"notes\":\"Исправлен отчёт\",", ""),
                ErrorCode.MALFORMED_MANIFEST, "release.json: нет поля \"notes\"");
        assertRefused(CANONICAL.replace("\"minFromVersion\":\"6.0.50.1\",", ""),
                ErrorCode.MALFORMED_MANIFEST, "field \"minFromVersion\" is missing");
    }

    @Test
    void wrongTypesAndValuesAreRefusedNamingTheField() {
        assertRefused(CANONICAL.replace("\"size\":1024", "\"size\":\"1024\""), ErrorCode.MALFORMED_MANIFEST,
                "field \"files[0].size\" must be an integer");
        assertRefused(CANONICAL.replace("\"size\":1024", "\"size\":1024.0"), ErrorCode.MALFORMED_MANIFEST,
                "field \"files[0].size\" must be an integer");
        assertRefused(CANONICAL.replace("\"version\":\"6.0.51.22966\"", "\"version\":\"6.0.51\""),
                ErrorCode.MALFORMED_MANIFEST, "поле \"version\": Неверная версия \"6.0.51\"");
        assertRefused(CANONICAL.replace("2024-06-01T18:29:00Z", "01.06.2024"), ErrorCode.MALFORMED_MANIFEST,
                "invalid instant \"01.06.2024\"");
        assertRefused(CANONICAL.replace("\"role\":\"client\"", "\"role\":\"docs\""), ErrorCode.MALFORMED_MANIFEST,
                "unknown role \"docs\"");
        assertRefused(CANONICAL.replace("\"role\":\"client\"", "\"role\":\"server\""), ErrorCode.MALFORMED_MANIFEST,
                "client/app.jar: role server does not match its folder client");
        assertRefused(CANONICAL.replace(HASH_A, HASH_A.toUpperCase()), ErrorCode.MALFORMED_MANIFEST,
                "client/app.jar: the SHA-256 must be 64 lowercase hex digits");
        assertRefused(CANONICAL.replace("\"10\"]", "\"9\"]"), ErrorCode.MALFORMED_MANIFEST,
                "invalid region code \"9\"");
        assertRefused(CANONICAL.replace("\"minFromVersion\":\"6.0.50.1\"", "\"minFromVersion\":\"6.0.52.1\""),
                ErrorCode.MALFORMED_MANIFEST, "must be older than 6.0.51.22966");
        assertRefused(CANONICAL.replace("\"format\":1", "\"format\":2"), ErrorCode.MALFORMED_MANIFEST,
                "format 2 is not supported");
    }

    @Test
    void brokenJsonIsRefused() {
        assertRefused(CANONICAL.substring(0, CANONICAL.length() - 1), ErrorCode.MALFORMED_MANIFEST,
                "release.json is not valid JSON");
        assertRefused(CANONICAL + "{}", ErrorCode.MALFORMED_MANIFEST, "release.json is not valid JSON");
        assertRefused(CANONICAL.replace("{\"format\":1,", "{\"format\":1,\"format\":1,"),
                ErrorCode.MALFORMED_MANIFEST, "release.json is not valid JSON");
        assertRefused("[]", ErrorCode.MALFORMED_MANIFEST, "expected a JSON object");
        assertRefused("", ErrorCode.MALFORMED_MANIFEST, "release.json");
    }

    @Test
    void unsafeAndDuplicatePathsInAManifestKeepTheirOwnCodes() {
        assertRefused(CANONICAL.replace("client/app.jar", "client/../../etc/passwd"), ErrorCode.UNSAFE_PATH,
                "\"client/../../etc/passwd\"");
        assertRefused(CANONICAL.replace("client/app.jar", "C:\\\\x"), ErrorCode.UNSAFE_PATH, "\"C:\\x\"");
        assertRefused(CANONICAL.replace("client/app.jar", "/etc/x"), ErrorCode.UNSAFE_PATH, "\"/etc/x\"");
        assertRefused(CANONICAL.replace("scripts/V6_0_51__add_column.sql", "client/APP.jar")
                        .replace("\"role\":\"scripts\"", "\"role\":\"client\""),
                ErrorCode.DUPLICATE_PATH, "client/APP.jar");
    }

    @Test
    void limitsRefuseAnOversizedFileTheTotalAndTheCountNamingTheFile() {
        List<ManifestEntry> files = example().files();

        assertThatThrownBy(() -> new Limits(1000, 10_000, 10).check(files))
                .isInstanceOf(SizeLimitException.class)
                .hasMessage("Файл client/app.jar: 1024 байт, больше предела 1000"
                        + " / client/app.jar has 1024 bytes, over the limit of 1000");
        assertThatThrownBy(() -> new Limits(2000, 1030, 10).check(files)).isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("over the limit of 1030");
        assertThatThrownBy(() -> new Limits(2000, 10_000, 1).check(files)).isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("the release has 2 files, over the limit of 1");
        Limits.DEFAULT.check(files);
        assertThatThrownBy(() -> new Limits(0, 1, 1)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void regionsAreSortedAndAReleaseForAllRegionsSuitsEveryServer() {
        ReleaseManifest regional = example();
        ReleaseManifest everywhere = new ReleaseManifest(regional.version(), "", List.of(), regional.publishedAt(),
                Optional.empty(), List.of());

        assertThat(regional.regions()).containsExactly("09", "10");
        assertThat(regional.isForRegion(Optional.of("09"))).isTrue();
        assertThat(regional.isForRegion(Optional.of("77"))).isFalse();
        assertThat(regional.isForRegion(Optional.empty())).isFalse();
        assertThat(everywhere.isForRegion(Optional.of("77"))).isTrue();
        assertThat(everywhere.isForRegion(Optional.empty())).isTrue();
        assertThatThrownBy(() -> Regions.normalize(List.of("09", "09"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("\"09\"");
    }

    private static void assertRefused(String json, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> ReleaseManifest.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(code));
    }
}
