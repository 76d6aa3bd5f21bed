package ru.ksamu.server.text;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * Plural forms from the message bundles, by the CLDR categories: a key {@code x} has the variants
 * {@code x.one}, {@code x.few}, {@code x.many} in Russian ("1 задача", "2 задачи", "5 задач") and
 * {@code x.one}, {@code x.other} in English; {@code x.zero}, when present, wins for 0. The number
 * is the pattern's {0}, further arguments follow it. Run-log lines, which are written in Russian
 * and stored as written, take {@link #russian} with the three forms.
 */
public final class Plurals {

    private Plurals() {
    }

    /** The bundle's variant of {@code key} for {@code n}, formatted with n (as typed) and {@code more}. */
    public static String format(MessageSource messages, String key, long n, Locale locale, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = String.valueOf(n); // as typed, "5000", not the locale's "5 000"
        System.arraycopy(more, 0, args, 1, more.length);
        if (n == 0) {
            String zero = messages.getMessage(key + ".zero", args, null, locale);
            if (zero != null) {
                return zero;
            }
        }
        try {
            return messages.getMessage(key + "." + category(n, locale), args, locale);
        } catch (NoSuchMessageException e) {
            return messages.getMessage(key + ".other", args, locale);
        }
    }

    /** The CLDR plural category of a whole number: Russian one / few / many, otherwise one / other. */
    public static String category(long n, Locale locale) {
        long abs = Math.abs(n);
        if (!"ru".equals(locale.getLanguage())) {
            return abs == 1 ? "one" : "other";
        }
        long tens = abs % 100;
        long units = abs % 10;
        if (units == 1 && tens != 11) {
            return "one";
        }
        if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) {
            return "few";
        }
        return "many";
    }

    /** "1 релиз", "3 релиза", "11 релизов": the number and its Russian form. */
    public static String russian(long n, String one, String few, String many) {
        return n + " " + switch (category(n, RUSSIAN)) {
            case "one" -> one;
            case "few" -> few;
            default -> many;
        };
    }

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");
}
