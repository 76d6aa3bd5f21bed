package ru.ksamu.release;

/** A file whose SHA-256 differs from the one the manifest lists. */
public final class HashMismatchException extends ReleaseException {

    private final String path;
    private final String actual;
    private final String expected;

    /**
     * @param path     the file's path in the release
     * @param actual   the SHA-256 (hex) of the bytes read
     * @param expected the SHA-256 (hex) the manifest lists
     */
    public HashMismatchException(String path, String actual, String expected) {
        super(ErrorCode.HASH_MISMATCH,
                "Файл " + path + ": SHA-256 " + actual + " не совпадает с манифестом " + expected,
                path + " has SHA-256 " + actual + " but the manifest says " + expected, null);
        this.path = path;
        this.actual = actual;
        this.expected = expected;
    }

    /** The file's path in the release. */
    public String path() {
        return path;
    }

    /** The SHA-256 (hex) of the bytes read. */
    public String actual() {
        return actual;
    }

    /** The SHA-256 (hex) the manifest lists. */
    public String expected() {
        return expected;
    }
}
