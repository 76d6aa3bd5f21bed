package ru.ksamu.release;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded randomized property checks with plain JUnit. Each run draws a fresh seed unless the
 * system property {@value #SEED_PROPERTY} is set; a failure names the seed and the case, and
 * {@code -Dksamu.seed=<seed>} replays exactly the same cases.
 */
public final class Property {

    /** System property that fixes the seed, for replaying a failure. */
    public static final String SEED_PROPERTY = "ksamu.seed";

    private Property() {
    }

    /** Runs a property over {@code cases} generated cases. */
    public static void check(String name, int cases, Consumer<Random> property) {
        long seed = Long.getLong(SEED_PROPERTY, new Random().nextLong());
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            try {
                property.accept(random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Property \"" + name + "\" failed at case " + i + " of seed " + seed
                        + "; replay with -D" + SEED_PROPERTY + "=" + seed, e);
            }
        }
    }
}
