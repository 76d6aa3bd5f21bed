package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @Test
    void parsesTheArticlesVersionIntoScriptsVersionAndBuild() {
        Version version = Version.parse("6.0.51.22966");

        assertThat(version).isEqualTo(new Version(6, 0, 51, 22966));
        assertThat(version.scriptsVersion()).isEqualTo("6.0.51");
        assertThat(version.build()).isEqualTo(22966);
        assertThat(version).hasToString("6.0.51.22966");
    }

    @Test
    void threeNumbersAreRefusedWithTheExpectedBilingualMessage() {
        assertThatThrownBy(() -> Version.parse("6.0.51"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("Неверная версия \"6.0.51\": нужно четыре числа a.b.c.d"
                        + " / invalid version \"6.0.51\": expected four numbers a.b.c.d")
                .extracting(e -> ((ReleaseException) e).code()).isEqualTo(ErrorCode.INVALID_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "6", "6.0.51.", ".6.0.51", "6..51.1", "6.0.51.1.2", "6.0.51.x", "-6.0.51.1",
            "+6.0.51.1", " 6.0.51.1", "6.0.51.1 ", "6.0.51.1\n", "6,0,51,1", "٦.0.51.1", "6.0.51.2147483648",
            "6.0.51.99999999999999999999", "06.0.51.1", "6.00.51.1"})
    void malformedVersionsAreRefusedNamingTheInput(String input) {
        assertThatThrownBy(() -> Version.parse(input))
                .isInstanceOf(InvalidVersionException.class)
                .satisfies(e -> assertThat(((InvalidVersionException) e).input()).isEqualTo(input))
                .hasMessageContaining("Неверная версия").hasMessageContaining(" / invalid version");
    }

    @Test
    void aMissingVersionIsRefused() {
        assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("версия не задана");
    }

    @Test
    void negativeNumbersAreRefusedByTheConstructor() {
        assertThatThrownBy(() -> new Version(6, 0, -1, 1)).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("6.0.-1.1");
    }

    @Test
    void numbersCompareNumericallyNotAsText() {
        assertThat(Version.parse("6.0.100.1")).isGreaterThan(Version.parse("6.0.99.99999"));
        assertThat(Version.parse("6.0.51.10")).isGreaterThan(Version.parse("6.0.51.9"));
        assertThat(Version.parse("0.0.0.0")).isLessThan(Version.parse("0.0.0.1"));
        assertThat(Version.parse("2147483647.0.0.0").a()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void canonicalSpellingRoundTrips() {
        Property.check("parse(toString(v)) == v", 5_000, random -> {
            Version version = Versions.random(random);
            assertThat(Version.parse(version.toString())).isEqualTo(version);
        });
    }

    @Test
    void orderIsTheLexicographicOrderOfTheFourNumbers() {
        Property.check("compareTo is lexicographic and a total order", 5_000, random -> {
            Version x = Versions.random(random);
            Version y = Versions.near(random, x);
            Version z = Versions.near(random, y);
            int expected = lexicographic(x, y);
            assertThat(Integer.signum(x.compareTo(y))).isEqualTo(expected);
            assertThat(Integer.signum(y.compareTo(x))).isEqualTo(-expected);
            assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
            if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
                assertThat(x.compareTo(z)).isLessThanOrEqualTo(0);
            }
            assertThat(x.isNewerThan(y)).isEqualTo(expected > 0);
        });
    }

    @Test
    void arbitraryTextEitherParsesToItsCanonicalSpellingOrIsRefusedNamingIt() {
        String alphabet = "0123456789.-+ a";
        Property.check("parse is total on text", 10_000, random -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            try {
                assertThat(Version.parse(input)).hasToString(input);
            } catch (InvalidVersionException e) {
                assertThat(e.input()).isEqualTo(input);
                assertThat(e.getMessage()).contains("\"" + input + "\"");
            }
        });
    }

    private static int lexicographic(Version x, Version y) {
        int[] a = {x.a(), x.b(), x.c(), x.build()};
        int[] b = {y.a(), y.b(), y.c(), y.build()};
        for (int i = 0; i < 4; i++) {
            if (a[i] != b[i]) {
                return a[i] < b[i] ? -1 : 1;
            }
        }
        return 0;
    }

    /** Generators biased towards small numbers and near neighbours, so that ties and every branch occur. */
    static final class Versions {

        private Versions() {
        }

        static Version random(Random random) {
            return new Version(number(random), number(random), number(random), number(random));
        }

        /** A version equal to {@code base} in a random prefix of its numbers. */
        static Version near(Random random, Version base) {
            int keep = random.nextInt(5);
            return new Version(keep > 0 ? base.a() : number(random), keep > 1 ? base.b() : number(random),
                    keep > 2 ? base.c() : number(random), keep > 3 ? base.build() : number(random));
        }

        private static int number(Random random) {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextInt(3);
                case 1 -> random.nextInt(100);
                case 2 -> random.nextInt(Integer.MAX_VALUE);
                default -> Integer.MAX_VALUE - random.nextInt(2);
            };
        }
    }
}
