package ru.ksamu.platform.problems;

/**
 * A refusal of an API request that a feature throws: it carries its {@link Problem} (status, code,
 * Russian and English message), so that the program's exception handler answers it without
 * knowing the feature. The exception's message is "Russian / English", for logs and the console.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detailRu() + " / " + problem.detailEn());
        this.problem = problem;
    }

    protected ProblemException(ProblemCode code, String detailRu, String detailEn) {
        this(Problem.of(code, detailRu, detailEn));
    }

    /** The answer to give. */
    public Problem problem() {
        return problem;
    }

    /** The Russian message alone. */
    public String russian() {
        return problem.detailRu();
    }

    /** The English message alone. */
    public String english() {
        return problem.detailEn();
    }
}
