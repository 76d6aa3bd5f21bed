package ru.ksamu.server.stats;

/** The statistics report did not reach the hub or was refused; the message is Russian, for the run log. */
class StatsNotSentException extends RuntimeException {

    StatsNotSentException(String messageRu) {
        super(messageRu);
    }
}
