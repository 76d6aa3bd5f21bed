package ru.ksamu.server.exchange;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of an HTTP exchange's address and body: the run's date and time by the
 * server's clock and zone, e.g. a registry that wants the day's data ({@code ?date=${date}}).
 */
final class BodyTemplate {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    static final Map<String, DateTimeFormatter> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("date", DateTimeFormatter.ofPattern("yyyy-MM-dd"));
        FORMATS.put("time", DateTimeFormatter.ofPattern("HH:mm:ss"));
        FORMATS.put("datetime", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        FORMATS.put("date.ru", DateTimeFormatter.ofPattern("dd.MM.yyyy"));
    }

    private BodyTemplate() {
    }

    /** The text with every placeholder replaced by the run's time. */
    static String expand(String template, ZonedDateTime at) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            DateTimeFormatter f = FORMATS.get(m.group(1));
            if (f == null) {
                throw new IllegalArgumentException(unknownMessage(m.group(1)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(f.format(at)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholders of the text that are not known, in order. */
    static List<String> unknown(String template) {
        return PLACEHOLDER.matcher(template == null ? "" : template).results().map(r -> r.group(1))
                .filter(name -> !FORMATS.containsKey(name)).toList();
    }

    static String unknownMessage(String name) {
        return "подстановка ${" + name + "} неизвестна (есть: " + String.join(", ",
                FORMATS.keySet().stream().map(k -> "${" + k + "}").toList()) + ")";
    }
}
