package ru.ksamu.server.maintenance;

/**
 * Where the countdown-and-lock machine tells every connected client what is happening (the client
 * event stream implements it). An event is one of {@code countdown}, {@code locked},
 * {@code cancelled}, {@code completed}, {@code failed}; its data holds {@code version} (or the
 * backup file's name), {@code message}, {@code messageEn} and, for a countdown, {@code deadline}.
 */
public interface ClientNotices {

    /** Sends an event to every connected client; never throws for a client that went away. */
    void broadcast(String event, Object data);

    /** An event as a client that connects during an operation is greeted with it. */
    record Notice(String name, Object data) {
    }
}
