package ru.ksamu.server.update;

import java.io.IOException;

/**
 * A call to the hub was cut by this server: no progress within {@code ksamu.update.read-timeout},
 * an answer larger than it may be, or the call's overall deadline. The message is Russian, for
 * the run log; it is an {@link IOException} so that every caller treats it as "the cloud is not
 * reachable now".
 */
public class HubCallFailedException extends IOException {

    HubCallFailedException(String messageRu, Throwable cause) {
        super(messageRu, cause);
    }
}
