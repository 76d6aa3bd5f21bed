package ru.ksamu.platform.problems;

/**
 * One entry of a program's catalogue of refusals: a stable {@code code} (the wire name, never
 * reused for another meaning: workstation launchers, the release CLI and the clinic server read
 * it), the HTTP status it is usually answered with, and a short title in Russian and English.
 * Each program lists its codes in one enum implementing this interface.
 */
public interface ProblemCode {

    /** The wire name, e.g. {@code NOT_FOUND}. */
    String name();

    /** What the code means: its usual status and its titles (each enum constant holds one). */
    Meaning meaning();

    /**
     * The HTTP status a refusal of this kind is answered with unless the thrower names another, and
     * what kind of refusal it is in Russian (the problem's {@code title}) and English.
     */
    record Meaning(int status, String titleRu, String titleEn) {
    }

    /** The status this refusal is answered with unless the thrower names another. */
    default int status() {
        return meaning().status();
    }

    /** What kind of refusal this is, in Russian (the problem's {@code title}). */
    default String titleRu() {
        return meaning().titleRu();
    }

    /** The same in English. */
    default String titleEn() {
        return meaning().titleEn();
    }

    /** A refusal of this kind with its own Russian and English message, naming the input. */
    default Problem problem(String detailRu, String detailEn) {
        return Problem.of(this, detailRu, detailEn);
    }
}
