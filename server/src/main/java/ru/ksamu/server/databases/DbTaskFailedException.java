package ru.ksamu.server.databases;

/**
 * A database task (backup, restore, validation, maintenance) could not do its work; the message is
 * Russian, as the run log shows it to the admin, and says what happens next.
 */
public class DbTaskFailedException extends RuntimeException {

    public DbTaskFailedException(String messageRu) {
        super(messageRu);
    }

    public DbTaskFailedException(String messageRu, Throwable cause) {
        super(messageRu, cause);
    }
}
