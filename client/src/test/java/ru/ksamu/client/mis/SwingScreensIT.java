package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import ru.ksamu.client.it.Xvfb;

/**
 * The client's windows on a real X server (Xvfb, started here on a free display): the MIS
 * window, the countdown on top of it, the lock screen and the completion dialog, checked and
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

    String run(String lang) throws Exception {
        String out = xvfb.run(ScreensDemo.class, Xvfb.SHOTS.toString(), lang);
        assertThat(out).contains("SCREENS OK");
        return out;
    }

    @Test
    void theCountdownTheLockAndTheCompletionDialogAsAUserSeesThem() throws Exception {
        String out = run("ru");
        assertThat(out).contains("CHECK the countdown ticks").contains("CHECK the lock closes the countdown")
                .contains("CHECK [Перезайти в МИС] exits for a new log-in").contains("CHECK [Закрыть программу] closes the program");
        for (String f : List.of("client-mis.png", "client-countdown.png", "client-locked.png", "client-completed.png")) {
            Xvfb.assertPicture(Xvfb.SHOTS.resolve(f));
        }
    }

    @Test
    void inEnglishWithLangEn() throws Exception {
        String out = run("en");
        assertThat(out).contains("CHECK [Log in to the MIS again] exits for a new log-in");
        Xvfb.assertPicture(Xvfb.SHOTS.resolve("client-countdown-en.png"));
    }
}
