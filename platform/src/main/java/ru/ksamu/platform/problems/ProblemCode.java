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

    /** The status this refusal is answered with unless the thrower names another. */
    int status();

    /** What kind of refusal this is, in Russian (the problem's {@code title}). */
    String titleRu();

    /** The same in English. */
    String titleEn();

    /** A refusal of this kind with its own Russian and English message, naming the input. */
    default Problem problem(String detailRu, String detailEn) {
        return Problem.of(this, detailRu, detailEn);
    }
}
