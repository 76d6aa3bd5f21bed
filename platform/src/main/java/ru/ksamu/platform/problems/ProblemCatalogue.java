package ru.ksamu.platform.problems;

import java.util.List;

/**
 * A program's codes (the one enum it lists them in) and the code of each refusal that the
 * framework makes rather than the program's own code: Spring Security's 401/403, Spring MVC's
 * 404/405/406/415, a servlet container's error page. One bean per program.
 */
public interface ProblemCatalogue {

    /** Every code the program answers with. */
    List<? extends ProblemCode> codes();

    /** The code of a refusal the framework made with this status (4xx or 5xx). */
    ProblemCode forStatus(int status);
}
