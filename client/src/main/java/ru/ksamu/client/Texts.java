package ru.ksamu.client;

import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import ru.ksamu.release.Durations;
import ru.ksamu.release.download.BoundedBody;
import ru.ksamu.release.files.Sizes;

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

    /**
     * A text for a moment before the language is known (a bad command line): the Russian and the
     * English text of {@code key}, joined by " / ".
     */
    public static String bothLanguages(String key, Object... args) {
        return of("ru").get(key, args) + " / " + of("en").get(key, args);
    }

    public String get(String key, Object... args) {
        MessageFormat f = new MessageFormat(bundle.getString(key), locale);
        return f.format(args);
    }

    /** The text of {@code key} if the bundle has one (a column heading, say), else empty. */
    public Optional<String> find(String key) {
        return bundle.containsKey(key) ? Optional.of(get(key)) : Optional.empty();
    }

    /**
     * A duration for people in this language, written by the one formatter the server's run log and
     * console use too ({@link Durations#lasted}), so both say the same number.
     */
    public String duration(Duration d) {
        return Durations.lasted(d, !english());
    }

    /** Picks the server's message in this language: {@code messageEn} in English if present, else {@code message}. */
    public String pick(String russian, String english) {
        if (english() && english != null && !english.isBlank()) {
            return english;
        }
        return russian == null ? "" : russian;
    }

    /**
     * Why a call to the server failed, for people: a stalled or oversized answer and the timeouts
     * in words from the bundle, anything else as the exception says.
     */
    public String reason(Throwable e) {
        if (e instanceof BoundedBody.Stalled s) {
            return get("net.stalled", seconds(s.readTimeout()), bytes(BoundedBody.MIN_BYTES_PER_PERIOD), bytes(s.bytesRead()));
        }
        if (e instanceof BoundedBody.TooLarge l) {
            return get("net.tooLarge", bytes(l.limit()));
        }
        if (e instanceof HttpConnectTimeoutException) {
            return get("net.connectTimeout");
        }
        if (e instanceof HttpTimeoutException) {
            return get("net.noAnswer");
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Seconds as a number, so the bundle's language writes it (0,5 in Russian). */
    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** A byte count for people: 1,5 МБ or 1.5 MB. */
    public String bytes(long n) {
        return Sizes.of(n, locale);
    }
}
