package ru.ksamu.release.signing;

import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/** What a signature covers, named in both languages for messages. */
record Subject(String russian, String english) {

    static Subject release(Version version) {
        return new Subject("Релиз " + version, "release " + version);
    }

    static Subject feed(Channel channel) {
        return new Subject("Лента канала " + channel.wireName(), "feed of channel " + channel.wireName());
    }
}
