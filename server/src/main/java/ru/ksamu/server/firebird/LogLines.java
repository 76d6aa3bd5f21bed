package ru.ksamu.server.firebird;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Firebird server's answers (the services API's text output) turned into run-log lines, one
 * per line the server wrote. Lines are kept too (up to a bound), so the caller can judge them.
 */
final class LogLines extends OutputStream {

    /** A long gbak run writes a line per table and index; keep the tail for the verdict, not all. */
    private static final int KEEP = 5_000;

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> kept = new ArrayList<>();
    private long count;

    LogLines(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r' && line.size() < 2_000) { // a line longer than that is cut, not kept whole
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // Lines are passed on when they end; close() passes a last unfinished one.
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        String s = line.toString(StandardCharsets.UTF_8).stripTrailing();
        line.reset();
        if (s.isBlank()) {
            return;
        }
        count++;
        if (kept.size() < KEEP) {
            kept.add(s);
        }
        sink.accept(s);
    }

    synchronized List<String> lines() {
        return List.copyOf(kept);
    }

    synchronized long count() {
        return count;
    }
}
