package ru.ksamu.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program of this test's class path run as a process of its own, for what is set once per JVM
 * (the logging system): a test context already running in the test's JVM would keep its own.
 * Closing it stops the program (SIGTERM, then kill after 30 s).
 */
public final class JavaProcess implements AutoCloseable {

    private final Process process;

    private JavaProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with these arguments; its standard output and error go to {@code output}. */
    public static JavaProcess start(Class<?> mainClass, Path output, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            return new JavaProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
