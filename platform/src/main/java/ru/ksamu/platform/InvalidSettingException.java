package ru.ksamu.platform;

/**
 * A configuration value that stops start-up. The message names the key and the value, Russian
 * first with English beside, so the one line an admin sees is enough to fix it.
 */
public class InvalidSettingException extends RuntimeException {

    private final String key;
    private final String value;
    private final String reasonRu;
    private final String reasonEn;

    public InvalidSettingException(String key, String value, String reasonRu, String reasonEn) {
        this(key, value, reasonRu, reasonEn, null);
    }

    public InvalidSettingException(String key, String value, String reasonRu, String reasonEn, Throwable cause) {
        super("Неверная настройка " + key + " = \"" + value + "\": " + reasonRu
                + " / invalid setting " + key + " = \"" + value + "\": " + reasonEn, cause);
        this.key = key;
        this.value = value;
        this.reasonRu = reasonRu;
        this.reasonEn = reasonEn;
    }

    /** What is wrong with the value, in Russian (for a form that shows it next to the field). */
    public String reasonRu() {
        return reasonRu;
    }

    /** The same in English. */
    public String reasonEn() {
        return reasonEn;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }
}
