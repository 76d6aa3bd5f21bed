package ru.ksamu.server.exchange;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a program's output file as it grows and hands over whole lines in the program's charset.
 * The program writes into a file, not a pipe, so it never blocks on a full pipe and the server needs
 * no reader thread; a line longer than {@link #MAX_LINE_BYTES} is handed over in pieces.
 */
final class OutputLines implements Closeable {

    static final int MAX_LINE_BYTES = 4096;

    private final InputStream in;
    private final Charset charset;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];

    OutputLines(Path file, Charset charset, Consumer<String> sink) throws IOException {
        this.in = Files.newInputStream(file);
        this.charset = charset;
        this.sink = sink;
    }

    /** Hands over every whole line written since the last call. */
    void pump() throws IOException {
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    emit();
                } else {
                    line.write(b);
                    if (line.size() >= MAX_LINE_BYTES) {
                        emit();
                    }
                }
            }
        }
    }

    /** Hands over the rest, including a last line without a line break. */
    void finish() throws IOException {
        pump();
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(charset);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        // Control characters would forge or garble lines of the run log.
        sink.accept(text.replaceAll("[\\p{Cntrl}&&[^\t]]", "?"));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
