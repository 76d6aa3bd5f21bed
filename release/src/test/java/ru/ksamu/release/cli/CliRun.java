package ru.ksamu.release.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** One in-process run of the CLI: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Clock clock, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new ReleaseCli(clock, environment).run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
