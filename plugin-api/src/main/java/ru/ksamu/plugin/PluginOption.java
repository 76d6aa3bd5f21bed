package ru.ksamu.plugin;

import java.util.Objects;

/**
 * One option of a plug-in's task type (the table's "Опции" column).
 *
 * @param key          the option's key, e.g. {@code folder}
 * @param labelRu      its label in the editor, in Russian
 * @param kind         how the server checks its value before the task is saved
 * @param required     whether a value must be given
 * @param defaultValue the value used when none is given (may be null)
 */
public record PluginOption(String key, String labelRu, Kind kind, boolean required, String defaultValue) {

    public PluginOption {
        Objects.requireNonNull(kind, "kind");
        if (key == null || !key.matches("[a-z][a-z0-9-]{0,49}")) {
            throw new IllegalArgumentException("Option key '" + key
                    + "': lower-case letters, digits and '-', starting with a letter, at most 50 characters");
        }
        if (labelRu == null || labelRu.isBlank()) {
            throw new IllegalArgumentException("Option '" + key + "' needs a Russian label");
        }
    }

    /** How a value is checked. */
    public enum Kind {
        /** Free text on one line (at most 500 characters). */
        TEXT,
        /** A whole number >= 0. */
        NUMBER,
        /** true / false. */
        FLAG,
        /** A folder path on the server. */
        FOLDER
    }
}
