package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateKindTest {

    @ParameterizedTest
    @CsvSource({
            "6.0.51.22965, 6.0.51.22966, MINOR",
            "6.0.51.22966, 6.0.52.1,     MAJOR",
            "6.0.51.22966, 7.0.0.0,      MAJOR",
            "6.0.51.22966, 6.0.51.22966, NONE",
            "6.0.51.22966, 6.0.51.22965, DOWNGRADE",
            "6.0.52.1,     6.0.51.99999, DOWNGRADE"})
    void classifiesTheArticlesExamples(String installed, String target, UpdateKind expected) {
        assertThat(UpdateKind.of(Version.parse(installed), Version.parse(target))).isEqualTo(expected);
        assertThat(UpdateKind.of(Optional.of(Version.parse(installed)), Version.parse(target))).isEqualTo(expected);
    }

    @Test
    void aFirstInstallIsMajorBecauseItRunsTheDbScripts() {
        assertThat(UpdateKind.of(Optional.empty(), Version.parse("6.0.51.22966"))).isEqualTo(UpdateKind.MAJOR);
    }

    @Test
    void kindFollowsFromOrderAndScriptsVersion() {
        Property.check("UpdateKind.of matches its definition", 20_000, random -> {
            Version installed = VersionTest.Versions.random(random);
            Version target = VersionTest.Versions.near(random, installed);
            UpdateKind kind = UpdateKind.of(installed, target);

            UpdateKind expected;
            if (target.equals(installed)) {
                expected = UpdateKind.NONE;
            } else if (target.compareTo(installed) < 0) {
                expected = UpdateKind.DOWNGRADE;
            } else if (target.scriptsVersion().equals(installed.scriptsVersion())) {
                expected = UpdateKind.MINOR;
            } else {
                expected = UpdateKind.MAJOR;
            }
            assertThat(kind).isEqualTo(expected);
            // Swapping the two turns every update into a downgrade and back.
            UpdateKind swapped = UpdateKind.of(target, installed);
            assertThat(swapped == UpdateKind.DOWNGRADE).isEqualTo(kind == UpdateKind.MAJOR || kind == UpdateKind.MINOR);
            assertThat(kind == UpdateKind.MINOR).isEqualTo(
                    target.sameScripts(installed) && target.build() > installed.build());
        });
    }
}
