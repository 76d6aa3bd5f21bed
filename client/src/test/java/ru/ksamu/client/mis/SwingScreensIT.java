package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import ru.ksamu.client.it.Xvfb;

/**
 * The client's windows on a real X server (Xvfb, started here on a free display): the MIS
 * window (headings and dates of the patient list, the "new version" notice), the countdown on top
 * of it, the lock screen and the completion dialog (with how long the base was locked), then a
 * restore's countdown and completion with their own texts, checked and
 * saved as screenshots to {@code target/screenshots/} ({@code -Dksamu.screenshots=docs}: to
 * {@code docs/screenshots/}). Without Xvfb it is skipped loudly, and fails with {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwingScreensIT {

    Xvfb xvfb;

    @BeforeAll
    void startXvfb() throws Exception {
        xvfb = Xvfb.start();
    }

    @AfterAll
    void stopXvfb() throws Exception {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    /** The demo's output per language: it runs once per language, each test reads what it checks. */
    final Map<String, String> outputs = new HashMap<>();

    String run(String lang) throws Exception {
        if (!outputs.containsKey(lang)) {
            outputs.put(lang, xvfb.run(ScreensDemo.class, Xvfb.SHOTS.toString(), lang));
        }
        String out = outputs.get(lang);
        assertThat(out).contains("SCREENS OK");
        return out;
    }

    @Test
    void theCountdownTheLockAndTheCompletionDialogAsAUserSeesThem() throws Exception {
        String out = run("ru");
        assertThat(out).contains("CHECK the countdown ticks").contains("CHECK the lock closes the countdown")
                .contains("CHECK [Перезайти в МИС] exits for a new log-in").contains("CHECK [Закрыть программу] closes the program")
                .contains("CHECK the countdown says each thing once")
                .contains("CHECK the completion says how long the base was locked, once: Обновление до версии 1.1.0.1 завершено."
                        + " База была заблокирована 0,7 с.");
        for (String f : List.of("client-mis.png", "client-countdown.png", "client-locked.png", "client-completed.png",
                "client-restore-countdown.png")) {
            Xvfb.assertPicture(Xvfb.SHOTS.resolve(f));
        }
    }

    @Test
    void aRestoreHasItsOwnTextsAndTheStatusBarNoStaleVersion() throws Exception {
        String out = run("ru");
        assertThat(out).contains("CHECK a restore countdown has its own texts: КСАМУ: восстановление базы данных")
                .contains("Резервная копия main-2026-12-02_134229.zip").contains("CHECK a restore is not called an update")
                .contains("CHECK a restore's completion, nothing said of a lock it was not told: База данных восстановлена")
                .contains("CHECK a cancelled restore closes the countdown and says so: Восстановление из резервной копии"
                        + " main-2026-12-02_134229.zip отменено, работа продолжается")
                .contains("CHECK a failed restore: its own title and the server's reason")
                .contains("CHECK a restore installs no version: the notice of 1.2.0.0 stays")
                .contains("CHECK the running version is not announced as new").contains("CHECK a newer version is announced")
                .contains("CHECK after the completed update no 'new version' notice stays");
    }

    @Test
    void thePatientListWithRussianHeadingsAndDayMonthYearDates() throws Exception {
        String out = run("ru");
        assertThat(out).contains("CHECK the patient list's headings from the bundle: [№, ФИО, Дата рождения, Телефон]")
                .contains("CHECK dates shown dd.MM.yyyy: 14.03.1980");
    }

    @Test
    void inEnglishWithLangEn() throws Exception {
        String out = run("en");
        assertThat(out).contains("CHECK [Log in to the MIS again] exits for a new log-in")
                .contains("CHECK the patient list's headings from the bundle: [No., Full name, Date of birth, Phone]")
                .contains("CHECK a restore countdown has its own texts: KSAMU: database restore")
                .contains("CHECK the completion says how long the base was locked, once: The update to 1.1.0.1 is completed."
                        + " The database was locked for 0.7 s.");
        for (String f : List.of("client-mis-en.png", "client-countdown-en.png", "client-completed-en.png", "client-restore-countdown-en.png")) {
            Xvfb.assertPicture(Xvfb.SHOTS.resolve(f));
        }
    }
}
