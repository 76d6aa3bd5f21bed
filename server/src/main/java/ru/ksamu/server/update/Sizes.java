package ru.ksamu.server.update;

/** Byte counts as an admin reads them. */
final class Sizes {

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " Б";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f КБ", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f МБ", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f ГБ", bytes / (1024.0 * 1024 * 1024));
    }
}
