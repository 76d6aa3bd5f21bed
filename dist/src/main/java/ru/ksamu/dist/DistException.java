package ru.ksamu.dist;

/**
 * A failure the launcher reports to the admin: a Russian sentence with its English beside it, and
 * the exit code the launcher ends with.
 */
final class DistException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Bad command line: an unknown subcommand or option. */
    static final int EXIT_USAGE = 64;
    /** A file the launcher needs is not there (a damaged or incomplete installation). */
    static final int EXIT_MISSING = 66;
    /** A file could not be written (service definition). */
    static final int EXIT_IO = 74;

    private final int exitCode;

    DistException(int exitCode, String russian, String english) {
        super(russian + " / " + english);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
