package ru.ksamu.client.launcher;

import java.io.PrintStream;
import ru.ksamu.client.Texts;

/** What the launcher tells the user: lines on the console ({@code --headless}) or a small window. */
interface LauncherUi extends Installation.Progress, AutoCloseable {

    /** A step or an outcome, one line. */
    void say(String text);

    /** The server is updating: shown until the next call. */
    void maintenance(String text);

    /** Nothing can be started: the user must read this. */
    void fatal(String text);

    /** Hides the launcher's window while the program runs. */
    @Override
    void close();

    /** One line per message on a stream, for scripts and tests. */
    final class Console implements LauncherUi {
        private final PrintStream out;
        private final Texts texts;
        private long total;
        private long done;
        private int lastQuarter;

        Console(PrintStream out, Texts texts) {
            this.out = out;
            this.texts = texts;
        }

        @Override
        public void say(String text) {
            out.println("ksamu-client: " + text);
            out.flush();
        }

        @Override
        public void maintenance(String text) {
            say(text);
        }

        @Override
        public void fatal(String text) {
            say(text);
        }

        @Override
        public void started(String version, int toDownload, int totalFiles, long bytes) {
            total = bytes;
            done = 0;
            lastQuarter = 0;
            say(texts.get("launcher.updating", version, toDownload, totalFiles, texts.bytes(bytes)));
        }

        @Override
        public void advanced(long bytes) {
            done += bytes;
            int quarter = total == 0 ? 4 : (int) (done * 4 / total);
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                say(texts.get("launcher.progress", texts.bytes(done), texts.bytes(total)));
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
