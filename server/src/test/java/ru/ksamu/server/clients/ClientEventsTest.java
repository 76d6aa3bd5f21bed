package ru.ksamu.server.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A client whose stream has died (the web server has already handled its error and refuses to end it
 * again) is dropped, and the event still reaches every other client: seen in ClientLauncherIT,
 * where such a stream made the broadcast of "available" throw, so the live client never heard of
 * the update and the update's run failed after the install.
 */
class ClientEventsTest {

    /** A stream that records what it is sent, or, once dead, fails as the web server's does. */
    static final class Stream extends SseEmitter {
        final List<String> sent = new ArrayList<>();
        boolean dead;

        Stream() {
            super(0L);
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            if (dead) {
                throw new IOException("Broken pipe");
            }
            sent.add(builder.build().stream().map(d -> String.valueOf(d.getData())).collect(Collectors.joining()));
        }

        @Override
        public void completeWithError(Throwable ex) {
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred");
        }

        @Override
        public void complete() {
            if (dead) {
                throw new IllegalStateException("already closed");
            }
        }
    }

    private final List<Stream> streams = new ArrayList<>();
    private final ClientEvents events = new ClientEvents(Clock.systemUTC(), 200) {
        @Override
        SseEmitter newEmitter() {
            Stream s = new Stream();
            streams.add(s);
            return s;
        }
    };

    @Test
    void aDeadStreamIsDroppedAndTheOthersStillGetTheEvent() {
        events.open("nurse", "ws-1", "1.0.0.1", "10.0.0.1", "", List.of());
        events.open("doctor", "ws-2", "1.0.0.1", "10.0.0.2", "", List.of());
        events.open("admin", "ws-3", "1.0.0.1", "10.0.0.3", "", List.of());
        streams.get(0).dead = true;

        assertThatCode(() -> events.broadcast("available", Map.of("version", "1.0.0.2"))).doesNotThrowAnyException();

        assertThat(streams.get(1).sent).anyMatch(e -> e.contains("event:available") && e.contains("1.0.0.2"));
        assertThat(streams.get(2).sent).anyMatch(e -> e.contains("event:available"));
        assertThat(events.sessions()).extracting(ClientEvents.SessionView::host).containsExactly("ws-2", "ws-3");
    }

    @Test
    void stoppingEndsEveryStreamEvenWhenOneIsAlreadyClosed() {
        events.open("nurse", "ws-1", "1.0.0.1", "10.0.0.1", "", List.of());
        events.open("doctor", "ws-2", "1.0.0.1", "10.0.0.2", "", List.of());
        streams.get(0).dead = true;

        assertThatCode(events::stop).doesNotThrowAnyException();
        assertThat(events.sessions()).isEmpty();
    }
}
