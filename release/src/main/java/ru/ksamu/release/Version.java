package ru.ksamu.release;

import java.util.Comparator;

/**
 * A KSAMU version: four non-negative integers {@code a.b.c.d}, e.g. {@code 6.0.51.22966}.
 * {@code a.b.c} is the version of the DB scripts, {@code d} (here {@link #build()}) the build of
 * the application. Versions compare number by number, left to right.
 *
 * @param a     first number of the DB scripts version
 * @param b     second number of the DB scripts version
 * @param c     third number of the DB scripts version
 * @param build the application build
 */
public record Version(int a, int b, int c, int build) implements Comparable<Version> {

    private static final String EXPECTED_RU = "нужно четыре числа a.b.c.d";
    private static final String EXPECTED_EN = "expected four numbers a.b.c.d";
    private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::a)
            .thenComparingInt(Version::b).thenComparingInt(Version::c).thenComparingInt(Version::build);

    /** Refuses negative numbers, naming the version. */
    public Version {
        if (a < 0 || b < 0 || c < 0 || build < 0) {
            throw new InvalidVersionException(a + "." + b + "." + c + "." + build,
                    "числа не могут быть отрицательными", "numbers must not be negative");
        }
    }

    /**
     * Parses {@code a.b.c.d}: exactly four decimal numbers (ASCII digits, no sign, no leading
     * zero, at most 2147483647) separated by dots, nothing else.
     *
     * @throws InvalidVersionException naming the input
     */
    public static Version parse(String text) {
        if (text == null) {
            throw new InvalidVersionException(null, "версия не задана", "the version is missing");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidVersionException(text, EXPECTED_RU, EXPECTED_EN);
        }
        int[] numbers = new int[4];
        for (int i = 0; i < 4; i++) {
            numbers[i] = parseNumber(text, parts[i]);
        }
        return new Version(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    private static int parseNumber(String text, String part) {
        if (part.isEmpty() || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new InvalidVersionException(text, EXPECTED_RU, EXPECTED_EN);
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new InvalidVersionException(text, "число \"" + part + "\" с ведущим нулём",
                    "number \"" + part + "\" has a leading zero");
        }
        long value = part.length() > 10 ? Long.MAX_VALUE : Long.parseLong(part);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidVersionException(text, "число " + part + " больше " + Integer.MAX_VALUE,
                    "number " + part + " is larger than " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** The DB scripts version {@code a.b.c}. */
    public String scriptsVersion() {
        return a + "." + b + "." + c;
    }

    /** Whether both versions have the same DB scripts version {@code a.b.c}. */
    public boolean sameScripts(Version other) {
        return a == other.a && b == other.b && c == other.c;
    }

    /** Whether this version is strictly newer than {@code other}. */
    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    /** The canonical spelling {@code a.b.c.d}; {@link #parse} reads it back to an equal version. */
    @Override
    public String toString() {
        return scriptsVersion() + "." + build;
    }
}
