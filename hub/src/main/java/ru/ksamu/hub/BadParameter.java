package ru.ksamu.hub;

import ru.ksamu.release.ErrorCode;

/** A request parameter outside its range: 400 {@code INVALID_ARGUMENT}, naming the parameter and the value. */
public final class BadParameter extends HubRefusal {

    private final String parameter;

    /**
     * @param expectedRu what the parameter must be, in Russian (e.g. "нужно от 1 до 500")
     * @param expectedEn the same in English
     */
    public BadParameter(String parameter, String value, String expectedRu, String expectedEn) {
        super(ErrorCode.INVALID_ARGUMENT, 400,
                "Неверный параметр " + parameter + " = \"" + abbreviate(value) + "\": " + expectedRu,
                "invalid parameter " + parameter + " = \"" + abbreviate(value) + "\": " + expectedEn);
        this.parameter = parameter;
    }

    /** The parameter's name. */
    public String parameter() {
        return parameter;
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
