package ru.ksamu.release;

/**
 * A file whose size differs from the manifest. When the file is longer, reading stopped one
 * buffer past the expected size, so {@link #actual()} is only a lower bound.
 */
public final class SizeMismatchException extends ReleaseException {

    private final String path;
    private final long expected;
    private final long actual;

    private SizeMismatchException(String path, long expected, long actual, String russian, String english) {
        super(ErrorCode.SIZE_MISMATCH, russian, english, null);
        this.path = path;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file has fewer bytes than the manifest says. */
    public static SizeMismatchException shorter(String path, long expected, long actual) {
        return new SizeMismatchException(path, expected, actual,
                "Файл " + path + ": " + actual + " байт, а в манифесте " + expected,
                path + " has " + actual + " bytes but the manifest says " + expected);
    }

    /** The file has more bytes than the manifest says (or a zip entry declares more); reading stopped. */
    public static SizeMismatchException longer(String path, long expected, long atLeast) {
        return new SizeMismatchException(path, expected, atLeast,
                "Файл " + path + " длиннее, чем в манифесте (" + expected + " байт): не меньше "
                        + atLeast + " байт; чтение прервано",
                path + " is longer than the manifest's " + expected + " bytes: at least " + atLeast
                        + " bytes; reading stopped");
    }

    /** The file's path in the release. */
    public String path() {
        return path;
    }

    /** The size the manifest lists. */
    public long expected() {
        return expected;
    }

    /** The size found (for a longer file, a lower bound). */
    public long actual() {
        return actual;
    }
}
