package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.Texts;

class EventTextsTest {

    static final EventTexts RU = new EventTexts(Texts.of("ru"));
    static final EventTexts EN = new EventTexts(Texts.of("en"));

    static ClientEvent event(String name, String json) {
        return new ClientEvent(name, json);
    }

    @Test
    void aRestoreIsAnnouncedAsARestoreOfTheBackupNotAsAnUpdateToIt() {
        ClientEvent e = event("countdown", "{\"operation\":\"restore\",\"version\":\"main-2026-12-02_134229.zip\","
                + "\"deadline\":\"2026-12-02T13:50:00Z\"}");
        assertThat(e.operation()).isEqualTo(ClientEvent.Operation.RESTORE);
        assertThat(RU.of(e, "countdown.title")).isEqualTo("КСАМУ: восстановление базы данных");
        assertThat(RU.of(e, "countdown.text")).isEqualTo("База данных будет заблокирована для восстановления из резервной копии, сохраните работу");
        assertThat(RU.of(e, "countdown.subject")).isEqualTo("Резервная копия main-2026-12-02_134229.zip");
        assertThat(EN.of(e, "countdown.subject")).isEqualTo("Backup main-2026-12-02_134229.zip");
        assertThat(RU.of(event("locked", "{\"operation\":\"restore\",\"version\":\"b.zip\"}"), "locked.title"))
                .isEqualTo("Идёт восстановление базы данных");
        assertThat(EN.of(event("locked", "{\"operation\":\"restore\",\"version\":\"b.zip\"}"), "locked.text"))
                .isEqualTo("The database is being restored from the backup b.zip. The MIS is unavailable for now.");
        for (EventTexts t : new EventTexts[] {RU, EN}) {
            for (String what : new String[] {"countdown.title", "countdown.text", "countdown.subject", "locked.title", "locked.text",
                    "completed.title", "completed.text", "failed.title", "failed.text", "cancelled.text"}) {
                assertThat(t.of(e, what)).as(what).doesNotContainIgnoringCase("обновлени").doesNotContainIgnoringCase("update");
            }
        }
    }

    @Test
    void withoutOperationAsFromAnOlderServerItIsAnUpdate() {
        ClientEvent old = event("countdown", "{\"version\":\"1.1.0.1\"}");
        assertThat(old.operation()).isEqualTo(ClientEvent.Operation.UPDATE);
        assertThat(event("countdown", "{\"operation\":\"update\",\"version\":\"1.1.0.1\"}").operation())
                .isEqualTo(ClientEvent.Operation.UPDATE);
        assertThat(event("countdown", "{\"operation\":\"migrate\"}").operation()).isEqualTo(ClientEvent.Operation.UPDATE);
        assertThat(RU.of(old, "countdown.title")).isEqualTo("КСАМУ: обновление");
        assertThat(RU.of(old, "countdown.subject")).isEqualTo("Обновление до версии 1.1.0.1");
        assertThat(EN.of(old, "countdown.subject")).isEqualTo("Update to version 1.1.0.1");
    }

    @Test
    void theCompletionSaysHowLongTheBaseWasLockedWhenTheServerSays() {
        ClientEvent e = event("completed", "{\"operation\":\"update\",\"version\":\"1.1.0.1\",\"lockedMillis\":700,"
                + "\"message\":\"Обновление завершено: перезайдите в МИС или закройте программу\"}");
        assertThat(e.lockedFor()).contains(Duration.ofMillis(700));
        assertThat(RU.completed(e)).isEqualTo("Обновление до версии 1.1.0.1 завершено. База была заблокирована 0,7 с."
                + " Перезайдите в МИС, чтобы работать в новой версии.");
        assertThat(EN.completed(e)).isEqualTo("The update to 1.1.0.1 is completed. The database was locked for 0.7 s."
                + " Log in again to work in the new version.");
        ClientEvent restored = event("completed", "{\"operation\":\"restore\",\"version\":\"main.zip\",\"lockedMillis\":83000}");
        assertThat(RU.completed(restored)).isEqualTo("База данных восстановлена из резервной копии main.zip."
                + " База была заблокирована 1 мин 23 с. Перезайдите в МИС, чтобы продолжить работу.");
    }

    @Test
    void withoutLockedMillisTheCompletionSaysNothingAboutTheLock() {
        for (String json : new String[] {"{\"version\":\"1.1.0.1\"}", "{\"version\":\"1.1.0.1\",\"lockedMillis\":null}",
                "{\"version\":\"1.1.0.1\",\"lockedMillis\":\"700\"}", "{\"version\":\"1.1.0.1\",\"lockedMillis\":-1}"}) {
            ClientEvent e = event("completed", json);
            assertThat(e.lockedFor()).as(json).isEmpty();
            assertThat(RU.completed(e)).as(json).doesNotContain("заблокирована")
                    .isEqualTo("Обновление до версии 1.1.0.1 завершено. Перезайдите в МИС, чтобы работать в новой версии.");
        }
    }

    @Test
    void eachSentenceOnceTheServersRepeatOfItIsNotShown() {
        String serverSays = "База данных будет заблокирована для обновления до 1.1.0.1, сохраните работу";
        ClientEvent e = event("countdown", "{\"version\":\"1.1.0.1\",\"message\":\"" + serverSays + "\"}");
        String all = RU.of(e, "countdown.title") + "|" + RU.of(e, "countdown.text") + "|" + RU.of(e, "countdown.subject");
        assertThat(all).doesNotContain(serverSays);
        assertThat(all.split("сохраните работу", -1)).hasSize(2);
        assertThat(RU.completed(event("completed", "{\"version\":\"1.1.0.1\",\"message\":\"Обновление завершено: перезайдите в МИС\"}"))
                .split("Перезайдите", -1)).hasSize(2);
    }

    @Test
    void aFailureOrCancelShowsTheServersReasonInTheUsersLanguageElseTheClientsSentence() {
        ClientEvent failed = event("failed", "{\"operation\":\"restore\",\"version\":\"b.zip\",\"message\":"
                + "\"Восстановление из резервной копии не удалось, база данных осталась прежней, работа продолжается (нет места)\","
                + "\"messageEn\":\"The restore failed; the database is unchanged, work goes on\"}");
        assertThat(RU.outcome(failed)).endsWith("(нет места)");
        assertThat(EN.outcome(failed)).isEqualTo("The restore failed; the database is unchanged, work goes on");
        assertThat(RU.of(failed, "failed.title")).isEqualTo("Восстановление не удалось");
        ClientEvent bare = event("cancelled", "{\"operation\":\"restore\",\"version\":\"b.zip\"}");
        assertThat(RU.outcome(bare)).isEqualTo("Восстановление из резервной копии b.zip отменено, работа продолжается");
        assertThat(EN.outcome(bare)).isEqualTo("The restore from the backup b.zip was cancelled, work goes on");
        assertThat(EN.outcome(event("failed", "{\"version\":\"1.1.0.1\"}"))).isEqualTo("The update to 1.1.0.1 failed, work goes on");
    }

    @Test
    void anAvailableVersionIsNewsOnlyWhenNewerThanTheRunningOne() {
        ClientEvent available = event("available", "{\"version\":\"1.0.0.2\"}");
        assertThat(available.offersNewerThan("1.0.0.1")).isTrue();
        assertThat(available.offersNewerThan("1.0.0.2")).isFalse();
        assertThat(available.offersNewerThan("1.1.0.1")).isFalse();
        assertThat(available.offersNewerThan("")).as("running version unknown: rather shown").isTrue();
        assertThat(event("available", "{}").offersNewerThan("1.1.0.1")).isTrue();
    }
}
