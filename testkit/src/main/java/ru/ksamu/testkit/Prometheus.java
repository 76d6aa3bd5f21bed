package ru.ksamu.testkit;

import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Reads one sample out of Prometheus's text format, as a scraper would see it. */
public final class Prometheus {

    private final String text;

    public Prometheus(String text) {
        this.text = text;
    }

    /**
     * The value of the sample with this name whose labels include these {@code name, value} pairs,
     * or empty when there is none.
     */
    public OptionalDouble sample(String name, String... labels) {
        return text.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> hasLabels(l, labels))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static boolean hasLabels(String line, String... labels) {
        int end = line.indexOf('}');
        String set = end < 0 ? "" : line.substring(0, end);
        for (int i = 0; i < labels.length; i += 2) {
            if (!set.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }

    /** The KSAMU samples only, for a failure message. */
    @Override
    public String toString() {
        return text.lines().filter(l -> l.startsWith("ksamu_")).collect(Collectors.joining("\n"));
    }
}
