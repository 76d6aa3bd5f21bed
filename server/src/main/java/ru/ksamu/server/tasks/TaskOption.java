package ru.ksamu.server.tasks;

/**
 * One option of a task type (the table's "Опции" column).
 *
 * @param key          the option's key in the task's options map
 * @param labelRu      its label in the editor
 * @param kind         how its value is checked
 * @param required     whether a value must be given
 * @param defaultValue the value used when none is given (may be null)
 */
public record TaskOption(String key, String labelRu, Kind kind, boolean required, String defaultValue) {

    /** How a value is checked. */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** A whole number >= 0. */
        NUMBER,
        /** true / false. */
        FLAG,
        /** The name of a managed database (main, print-forms, ...). */
        DATABASE,
        /** A folder path on the server (e.g. the article's E:\Backup). */
        FOLDER
    }
}
