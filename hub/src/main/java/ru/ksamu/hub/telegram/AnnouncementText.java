package ru.ksamu.hub.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ru.ksamu.release.Channel;
import ru.ksamu.release.UpdateKind;
import ru.ksamu.release.Version;

/**
 * The Russian text of a release announcement: the kind of release, the version, whether servers
 * will lock the database for it (relative to the channel's previous release), the regions and
 * the notes. Telegram takes at most 4096 characters; long notes are cut.
 */
final class AnnouncementText {

    /** Telegram's limit for one message, in characters. */
    static final int MAX_LENGTH = 4096;

    private AnnouncementText() {
    }

    static String of(Channel channel, Version version, Optional<Version> previous, String notes, List<String> regions) {
        UpdateKind kind = UpdateKind.of(previous, version);
        String title = capitalize(channel.russianName()) + " релиз КСАМУ " + version;
        String kindLine = (kind == UpdateKind.MINOR ? "Минорный, без блокировки" : "Мажорный, с блокировкой БД")
                + previous.map(p -> " (предыдущий в канале: " + p + ")").orElse(" (первый в канале)");
        String regionLine = "Регионы: " + (regions.isEmpty() ? "все" : String.join(", ", regions));
        String head = title + "\n" + kindLine + "\n" + regionLine;
        String body = notes == null ? "" : notes.strip();
        if (body.isEmpty()) {
            return head;
        }
        String text = head + "\n\n" + body;
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String capitalize(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
