package ru.ksamu.server.update;

/** An update run that cannot go on; the message (Russian) goes to the run's log and the journal. */
class UpdateFailedException extends RuntimeException {

    public UpdateFailedException(String messageRu) {
        super(messageRu);
    }

    public UpdateFailedException(String messageRu, Throwable cause) {
        super(messageRu, cause);
    }
}
