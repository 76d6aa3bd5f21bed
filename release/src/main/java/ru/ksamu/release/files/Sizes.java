package ru.ksamu.release.files;

import java.util.Locale;

/**
 * Byte counts as a person reads them: {@code 512 Б}, {@code 1,5 МБ} in Russian, {@code 1.5 MB} in
 * English. Units are binary (1 КБ = 1024 bytes), one decimal, the separator of the language.
 */
public final class Sizes {

    /** The Russian locale: units Б, КБ, МБ, ГБ, ТБ and a decimal comma. */
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private static final String[] RUSSIAN_UNITS = {"Б", "КБ", "МБ", "ГБ", "ТБ"};
    private static final String[] ENGLISH_UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Sizes() {
    }

    /** In Russian: {@code 1,5 МБ}. */
    public static String russian(long bytes) {
        return of(bytes, RUSSIAN);
    }

    /** In the language of {@code locale}: Russian units for Russian, English units otherwise. */
    public static String of(long bytes, Locale locale) {
        String[] units = "ru".equals(locale.getLanguage()) ? RUSSIAN_UNITS : ENGLISH_UNITS;
        if (Math.abs(bytes) < 1024) {
            return bytes + " " + units[0];
        }
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(locale, "%.1f %s", value, units[unit]);
    }
}
