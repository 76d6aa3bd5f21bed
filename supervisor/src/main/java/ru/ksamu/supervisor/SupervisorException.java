package ru.ksamu.supervisor;

/**
 * Why the supervisor cannot go on: the message says what failed and what the admin can do, in
 * Russian then English; {@link #exitCode()} is the supervisor's exit code.
 */
class SupervisorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public SupervisorException(int exitCode, String messageRu, String messageEn) {
        super(messageRu + " / " + messageEn);
        this.exitCode = exitCode;
    }

    public SupervisorException(int exitCode, String messageRu, String messageEn, Throwable cause) {
        super(messageRu + " / " + messageEn, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
