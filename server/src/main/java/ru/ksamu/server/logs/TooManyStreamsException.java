package ru.ksamu.server.logs;

import ru.ksamu.server.Unavailable;

/** Every live-log slot is taken; the client may try again later. */
class TooManyStreamsException extends Unavailable {
    TooManyStreamsException() {
        super("Открыто слишком много живых журналов, попробуйте позже / too many live log streams, try later", 30);
    }
}
