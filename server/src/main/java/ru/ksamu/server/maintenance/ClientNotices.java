package ru.ksamu.server.maintenance;

/**
 * Where the countdown-and-lock machine tells every connected client what is happening (the client
 * event stream implements it). An event is one of {@code countdown}, {@code locked},
 * {@code cancelled}, {@code completed}, {@code failed}; its data holds {@code operation}
 * ({@code update} or {@code restore}), {@code version} (or the backup file's name), {@code message},
 * {@code messageEn}; a countdown adds {@code deadline}, a completion {@code lockedMillis} (how long
 * the main base was locked, which its messages also say: "база была заблокирована 0,7 с").
 */
public interface ClientNotices {

    /** Sends an event to every connected client; never throws for a client that went away. */
    void broadcast(String event, Object data);

    /** An event as a client that connects during an operation is greeted with it. */
    record Notice(String name, Object data) {
    }
}
