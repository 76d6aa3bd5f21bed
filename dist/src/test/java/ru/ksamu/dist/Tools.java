package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The system tools the package tests drive; with CI=true a missing one fails the test, else it skips loudly. */
final class Tools {

    private Tools() {
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (CI) or skips (locally) when {@code command} is not on the PATH. */
    static void need(String command, String debianPackage) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        if (!found) {
            missing(command + " не найден (Debian: apt-get install " + debianPackage + ") / " + command + " not found");
        }
    }

    static void needRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            missing("нужны права root для dpkg -i / installing a package needs root");
        }
    }

    static void missing(String why) {
        String message = "\n!!!!! PACKAGE TEST NOT RUN: " + why + " !!!!!\n";
        if (ci()) {
            fail(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** Runs a command to its end (at most 2 minutes) and returns its exit code and output (both streams). */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ksamu-dist-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(command + " did not end within 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String ok(String... command) throws IOException, InterruptedException {
        Result r = run(List.of(command));
        if (r.code() != 0) {
            fail(String.join(" ", command) + " ended with " + r.code() + ":\n" + r.output());
        }
        return r.output();
    }

    record Result(int code, String output) {
    }
}
