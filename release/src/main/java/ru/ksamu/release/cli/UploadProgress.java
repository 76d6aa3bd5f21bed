package ru.ksamu.release.cli;

import java.io.PrintWriter;
import java.util.Locale;
import ru.ksamu.release.files.Sizes;

/**
 * A progress bar on stderr counting uploaded bytes. It redraws only when the whole percentage
 * changes, so a log of it stays short. Called from the HTTP client's threads.
 */
final class UploadProgress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private long sent;
    private int shownPercent = -1;

    UploadProgress(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    synchronized void add(long bytes) {
        sent += bytes;
        int percent = total <= 0 ? 100 : (int) Math.min(100, sent * 100 / total);
        if (percent != shownPercent) {
            shownPercent = percent;
            int filled = percent * WIDTH / 100;
            err.print(String.format(Locale.ROOT, "\rЗагрузка / upload [%s%s] %3d%% %s / %s",
                    "#".repeat(filled), "-".repeat(WIDTH - filled), percent, Sizes.russian(sent), Sizes.russian(total)));
            err.flush();
        }
    }

    synchronized void finish() {
        if (shownPercent >= 0) {
            err.println();
            err.flush();
        }
    }
}
