package ru.ksamu.server.console;

import java.util.Locale;
import ru.ksamu.platform.problems.ProblemException;

/** The console's language: Russian unless the admin chose English. */
final class Lang {

    private Lang() {
    }

    static boolean russian(Locale locale) {
        return locale == null || "ru".equals(locale.getLanguage());
    }

    /** A refusal's text in the console's language. */
    static String of(ProblemException e, Locale locale) {
        return russian(locale) ? e.russian() : e.english();
    }

    static String of(String ru, String en, Locale locale) {
        return russian(locale) ? ru : en;
    }
}
