package ru.ksamu.client.mis;

import ru.ksamu.client.Texts;

/**
 * What the windows and the headless lines say about a maintenance event: the client's own texts,
 * chosen by the event's operation (an update or a restore) from the bundle keys
 * {@code update.*} and {@code restore.*}, with the event's subject (version or backup file).
 * For {@code countdown}, {@code locked} and {@code completed} the server's message says the same
 * sentence again, so it is not shown; for {@code cancelled} and {@code failed} it carries the
 * reason and stands instead of the client's sentence when the server sends one.
 */
final class EventTexts {

    private final Texts texts;

    EventTexts(Texts texts) {
        this.texts = texts;
    }

    /** The bundle text {@code what} (e.g. {@code countdown.title}) of the event's operation. */
    String of(ClientEvent e, String what) {
        return texts.get(e.operation().key(what), e.version());
    }

    /** "Обновление до версии … завершено. База была заблокирована 0,7 с. Перезайдите в МИС…" */
    String completed(ClientEvent e) {
        StringBuilder s = new StringBuilder(of(e, "completed.text"));
        e.lockedFor().ifPresent(d -> s.append(' ').append(texts.get("completed.lock", texts.duration(d))));
        return s.append(' ').append(of(e, "completed.next")).toString();
    }

    /** {@code cancelled} or {@code failed}: the server's message (with the reason), else the client's sentence. */
    String outcome(ClientEvent e) {
        String m = e.message(texts);
        return m.isBlank() ? of(e, e.name() + ".text") : m;
    }
}
