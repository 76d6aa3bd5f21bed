package ru.ksamu.release;

import java.util.Arrays;

import ru.ksamu.release.internal.Texts;

/** A release channel. Test releases are installed only by hand; stable ones by the scheduled task. */
public enum Channel {
    /** Test releases: one or more tested changes, installed only by hand. */
    TEST("test", "тестовый"),
    /** Stable releases: installed automatically by the update task. */
    STABLE("stable", "стабильный");

    private final String wireName;
    private final String russianName;

    Channel(String wireName, String russianName) {
        this.wireName = wireName;
        this.russianName = russianName;
    }

    /** The name in files, URLs and the CLI: {@code test} or {@code stable}. */
    public String wireName() {
        return wireName;
    }

    /** The name shown to admins: {@code тестовый} or {@code стабильный}. */
    public String russianName() {
        return russianName;
    }

    /**
     * Parses a wire name, exactly {@code test} or {@code stable}.
     *
     * @throws InvalidArgumentException naming the input
     */
    public static Channel parse(String wireName) {
        return Arrays.stream(values()).filter(channel -> channel.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException(wireName,
                        "Неизвестный канал " + Texts.quote(wireName) + ": нужно test или stable",
                        "unknown channel " + Texts.quote(wireName) + ": expected test or stable"));
    }

    /** The wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
