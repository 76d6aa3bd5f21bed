package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.Texts;

class HeadlessMisTest {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> exits = new ArrayList<>();

    List<String> lines(String lang, String running, ClientEvent... events) {
        HeadlessMis mis = new HeadlessMis(new PrintStream(bytes, true, StandardCharsets.UTF_8), Texts.of(lang), running, exits::add);
        for (ClientEvent e : events) {
            mis.event(e);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("MIS ")).toList();
    }

    @Test
    void theRunningVersionIsNotAnnouncedANewerOneIs() {
        assertThat(lines("ru", "1.1.0.1", new ClientEvent("available", "{\"version\":\"1.0.0.2\"}"),
                new ClientEvent("available", "{\"version\":\"1.1.0.1\"}"), new ClientEvent("available", "{\"version\":\"1.1.0.2\"}")))
                .containsExactly("MIS Доступна новая версия 1.1.0.2, она будет установлена при следующем входе");
    }

    @Test
    void aRestoreInItsOwnWordsAndTheLockDurationOnCompletion() {
        List<String> got = lines("en", "1.1.0.1",
                new ClientEvent("locked", "{\"operation\":\"restore\",\"version\":\"main.zip\",\"message\":\"Restoring the database from main.zip\"}"),
                new ClientEvent("completed", "{\"operation\":\"restore\",\"version\":\"main.zip\",\"lockedMillis\":12345}"));
        assertThat(got).containsExactly(
                "MIS The database is being restored from the backup main.zip. The MIS is unavailable for now.",
                "MIS The database was restored from the backup main.zip. The database was locked for 12 s. Log in again to go on working.");
        assertThat(exits).containsExactly(MisMain.EXIT_RELOGIN);
    }
}
