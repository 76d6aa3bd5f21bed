package ru.ksamu.release.net;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A proxy setting that is refused; its value is carried with the password masked. */
public final class InvalidProxyException extends ReleaseException {

    private final String input;
    private final String reasonRu;
    private final String reasonEn;

    InvalidProxyException(String name, String maskedInput, String reasonRu, String reasonEn) {
        super(ErrorCode.INVALID_ARGUMENT, "Неверная настройка прокси " + name + " = \"" + maskedInput + "\": " + reasonRu,
                "invalid proxy setting " + name + " = \"" + maskedInput + "\": " + reasonEn, null);
        this.input = maskedInput;
        this.reasonRu = reasonRu;
        this.reasonEn = reasonEn;
    }

    /** The refused value, its password replaced by {@code ***}. */
    public String input() {
        return input;
    }

    /** What is wrong, in Russian (without the setting's name). */
    public String reasonRu() {
        return reasonRu;
    }

    /** The same in English. */
    public String reasonEn() {
        return reasonEn;
    }
}
