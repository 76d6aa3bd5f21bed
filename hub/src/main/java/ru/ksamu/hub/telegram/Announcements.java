package ru.ksamu.hub.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/**
 * Release announcements for the Telegram channel. {@link #record} writes the announcement into
 * the outbox inside the caller's transaction (so it exists exactly when the publish or promote
 * does); {@link #wake} after the commit lets the sender deliver it at once.
 */
@Component
public class Announcements {

    private final Outbox outbox;
    private final TelegramSettings settings;
    private final TelegramSender sender;
    private final Clock clock;

    Announcements(Outbox outbox, TelegramSettings settings, TelegramSender sender, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Records that a release joined a channel.
     *
     * @param previous the channel's newest release older than this one, if any; it decides
     *                 "major, with a DB lock" or "minor, without a lock"
     */
    public void record(Channel channel, Version version, Optional<Version> previous, String notes, List<String> regions) {
        String text = AnnouncementText.of(channel, version, previous, notes, regions);
        outbox.insert(version.toString(), channel.wireName(), text,
                settings.enabled() ? Outbox.PENDING : Outbox.UNSENT, clock.instant());
    }

    /** Asks the sender to look at the outbox now (call after the recording transaction committed). */
    public void wake() {
        sender.wake();
    }
}
