package ru.ksamu.server.exchange;

/**
 * An exchange task ("Внешняя программа", "HTTP-обмен") failed; the message is Russian, as the run
 * log shows it to the admin, and names the program or address.
 */
class ExchangeFailedException extends RuntimeException {

    ExchangeFailedException(String messageRu) {
        super(messageRu);
    }

    ExchangeFailedException(String messageRu, Throwable cause) {
        super(messageRu, cause);
    }
}
