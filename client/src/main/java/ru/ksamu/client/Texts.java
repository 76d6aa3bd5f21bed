package ru.ksamu.client;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What a clinic user reads: Russian by default, English with {@code --lang en}. The bundles are
 * {@code ru/ksamu/client/messages.properties} (Russian) and {@code messages_en.properties}; the
 * JVM's default locale never picks the language.
 */
public final class Texts {

    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("ru.ksamu.client.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code en} gives English, anything else Russian. */
    public static Texts of(String lang) {
        return new Texts("en".equalsIgnoreCase(lang) ? Locale.ENGLISH : Locale.forLanguageTag("ru"));
    }

    public boolean english() {
        return "en".equals(locale.getLanguage());
    }

    public String lang() {
        return english() ? "en" : "ru";
    }

    public String get(String key, Object... args) {
        MessageFormat f = new MessageFormat(bundle.getString(key), locale);
        return f.format(args);
    }

    /** Picks the server's message in this language: {@code messageEn} in English if present, else {@code message}. */
    public String pick(String russian, String english) {
        if (english() && english != null && !english.isBlank()) {
            return english;
        }
        return russian == null ? "" : russian;
    }

    /** A byte count for people: 1.5 MB. */
    public String bytes(long n) {
        String[] units = english() ? new String[] {"B", "KB", "MB", "GB"} : new String[] {"Б", "КБ", "МБ", "ГБ"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " " + units[0] : String.format(locale, "%.1f %s", v, units[u]);
    }
}
