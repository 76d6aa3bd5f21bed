package ru.ksamu.client.mis;

import static org.awaitility.Awaitility.await;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import ru.ksamu.client.Texts;

/**
 * Run by {@code SwingScreensIT} in a JVM of its own on an Xvfb display: shows the MIS window with
 * a patient list, then the server's countdown, lock and completion events as a user sees them,
 * checks what they show and saves a screenshot of each. Exits 0 when every check holds.
 */
public final class ScreensDemo {

    public static void main(String[] args) {
        try {
            show(args);
        } catch (Throwable e) { // the windows keep the JVM alive: end it, or the test waits for ever
            e.printStackTrace(System.out);
            System.out.println("CHECK FAILED: " + e);
            System.exit(1);
        }
    }

    private static void show(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String lang = args.length > 1 ? args[1] : "ru";
        Files.createDirectories(out);
        Look.install();
        // Xvfb has no window manager: FlatLaf draws the title bars itself, as it does on Windows.
        javax.swing.JFrame.setDefaultLookAndFeelDecorated(true);
        javax.swing.JDialog.setDefaultLookAndFeelDecorated(true);
        Texts texts = Texts.of(lang);
        Clock clock = Clock.systemUTC();
        AtomicInteger exitCode = new AtomicInteger(-1);
        String suffix = lang.equals("en") ? "-en.png" : ".png";
        MisWindow[] w = new MisWindow[1];
        SwingUtilities.invokeAndWait(() -> {
            w[0] = new MisWindow(texts, clock, "1.0.0.1", "nurse", () -> { }, exitCode::set);
            w[0].setLocation(40, 40);
            w[0].setVisible(true);
            w[0].patients(new PatientsApi.Table(List.of("id", "full_name", "born", "phone"), List.of(
                    List.of("1", "Иванов Иван Иванович", "1980-03-14", "+7 900 000-00-01"),
                    List.of("2", "Петрова Анна Сергеевна", "1975-11-02", ""),
                    List.of("3", "Сидоров Пётр Алексеевич", "1992-07-23", "+7 900 000-00-03"))));
            w[0].connected();
            w[0].event(new ClientEvent("available", "{\"version\":\"1.0.0.1\"}"));
        });
        check(onEdt(() -> w[0].notice.getText().isBlank()), "the running version is not announced as new");
        List<String> headings = onEdt(() -> columnNames(w[0]));
        check(headings.equals(List.of(texts.get("mis.column.id"), texts.get("mis.column.full_name"), texts.get("mis.column.born"),
                texts.get("mis.column.phone"))), "the patient list's headings from the bundle: " + headings);
        String born = onEdt(() -> w[0].table.getValueAt(0, 2).toString());
        check(born.equals("14.03.1980"), "dates shown dd.MM.yyyy: " + born);
        SwingUtilities.invokeAndWait(() -> w[0].event(new ClientEvent("available", "{\"version\":\"1.0.0.2\"}")));
        check(onEdt(() -> w[0].notice.getText().equals(texts.get("mis.available", "1.0.0.2"))), "a newer version is announced");
        Robot robot = new Robot();
        settle(robot);
        shot(robot, w[0], out.resolve("client-mis" + suffix));

        Instant deadline = clock.instant().plus(Duration.ofMinutes(8));
        String serverSays = texts.english() ? "The database will be locked for the update to 1.1.0.1; save your work"
                : "База данных будет заблокирована для обновления до 1.1.0.1, сохраните работу";
        CountdownWindow[] cw = new CountdownWindow[1];
        SwingUtilities.invokeAndWait(() -> cw[0] = w[0].showCountdown(new ClientEvent("countdown",
                "{\"operation\":\"update\",\"version\":\"1.1.0.1\",\"deadline\":\"" + deadline + "\",\"message\":\"" + serverSays
                        + "\",\"messageEn\":\"" + serverSays + "\"}")));
        settle(robot);
        String first = onEdt(() -> cw[0].remainingText());
        check(first.matches("0[78]:[0-5]\\d"), "countdown shows mm:ss below 08:00: " + first);
        check(onEdt(() -> cw[0].isAlwaysOnTop() && cw[0].isShowing()), "the countdown is shown on top");
        String said = onEdt(() -> labels(cw[0]));
        check(!said.contains(serverSays) && said.split(texts.get("update.countdown.text"), -1).length == 2
                && said.contains(texts.get("update.countdown.subject", "1.1.0.1")), "the countdown says each thing once: " + said);
        String later = await().atMost(Duration.ofSeconds(5)).until(() -> onEdt(() -> cw[0].remainingText()), t -> t.compareTo(first) < 0);
        check(later.compareTo(first) < 0, "the countdown ticks: " + first + " then " + later);
        shot(robot, null, out.resolve("client-countdown" + suffix));

        SwingUtilities.invokeAndWait(() -> w[0].event(new ClientEvent("locked", "{\"version\":\"1.1.0.1\",\"message\":\"\"}")));
        settle(robot);
        check(onEdt(() -> !cw[0].isDisplayable()), "the lock closes the countdown");
        shot(robot, w[0], out.resolve("client-locked" + suffix));

        SwingUtilities.invokeAndWait(() -> w[0].event(new ClientEvent("completed", "{\"operation\":\"update\",\"version\":\"1.1.0.1\","
                + "\"lockedMillis\":700,\"message\":\"Обновление завершено: перезайдите в МИС или закройте программу\"}")));
        settle(robot);
        CompletedDialog[] cd = {completedDialog()};
        check(cd[0] != null, "the completion dialog is shown");
        check(onEdt(() -> cd[0].relogin.getText().equals(texts.get("completed.relogin"))
                && cd[0].close.getText().equals(texts.get("completed.close"))), "its two buttons");
        String body = onEdt(() -> cd[0].text.getText().replaceAll("<[^>]+>", ""));
        String lockedFor = texts.get("completed.lock", texts.duration(Duration.ofMillis(700)));
        check(body.contains(lockedFor) && !body.contains("Обновление завершено:"), "the completion says how long the base was locked, once: "
                + body);
        check(onEdt(() -> w[0].notice.getText().isBlank()), "after the completed update no 'new version' notice stays");
        shot(robot, null, out.resolve("client-completed" + suffix));
        SwingUtilities.invokeAndWait(() -> cd[0].relogin.doClick());
        check(exitCode.get() == MisMain.EXIT_RELOGIN, "[" + texts.get("completed.relogin") + "] exits for a new log-in: " + exitCode.get());
        SwingUtilities.invokeAndWait(() -> cd[0].close.doClick());
        check(exitCode.get() == 0, "[" + texts.get("completed.close") + "] closes the program: " + exitCode.get());
        SwingUtilities.invokeAndWait(() -> cd[0].dispose());

        restore(texts, clock, robot, w[0], out.resolve("client-restore-countdown" + suffix));
        System.out.println("SCREENS OK");
        System.exit(0);
    }

    /** The restore of the main base, as a user sees it: its own title and texts, the backup's name, never "update". */
    private static void restore(Texts texts, Clock clock, Robot robot, MisWindow w, Path file) throws Exception {
        String backup = "main-2026-12-02_134229.zip";
        CountdownWindow cw = onEdt(() -> w.showCountdown(new ClientEvent("countdown", "{\"operation\":\"restore\",\"version\":\""
                + backup + "\",\"deadline\":\"" + clock.instant().plus(Duration.ofMinutes(8)) + "\"}")));
        settle(robot);
        String said = onEdt(() -> cw.getTitle() + " | " + labels(cw));
        check(said.contains(texts.get("restore.countdown.title")) && said.contains(texts.get("restore.countdown.text"))
                && said.contains(texts.get("restore.countdown.subject", backup)), "a restore countdown has its own texts: " + said);
        check(!said.toLowerCase(Locale.ROOT).contains("обновлени") && !said.toLowerCase(Locale.ROOT).contains("update"),
                "a restore is not called an update");
        shot(robot, null, file);
        SwingUtilities.invokeAndWait(() -> w.event(new ClientEvent("cancelled", "{\"operation\":\"restore\",\"version\":\"" + backup + "\"}")));
        String notice = onEdt(() -> w.notice.getText());
        check(onEdt(() -> !cw.isDisplayable()) && notice.equals(texts.get("restore.cancelled.text", backup)),
                "a cancelled restore closes the countdown and says so: " + notice);
        SwingUtilities.invokeAndWait(() -> w.event(new ClientEvent("failed", "{\"operation\":\"restore\",\"version\":\"" + backup
                + "\",\"message\":\"Восстановление из резервной копии не удалось, база данных осталась прежней, работа продолжается (нет места)\","
                + "\"messageEn\":\"The restore failed; the database is unchanged, work goes on\"}")));
        settle(robot);
        String failed = onEdt(() -> {
            for (Window win : Window.getWindows()) {
                if (win instanceof JDialog d && d.isShowing() && d.getTitle().equals(texts.get("restore.failed.title"))) {
                    String shown = labels(d);
                    d.dispose();
                    return shown;
                }
            }
            return "no dialog titled " + texts.get("restore.failed.title");
        });
        check(failed.contains(texts.english() ? "The restore failed; the database is unchanged" : "(нет места)"),
                "a failed restore: its own title and the server's reason: " + failed);
        SwingUtilities.invokeAndWait(() -> w.event(new ClientEvent("available", "{\"version\":\"1.2.0.0\"}")));
        SwingUtilities.invokeAndWait(() -> w.event(new ClientEvent("locked", "{\"operation\":\"restore\",\"version\":\"" + backup + "\"}")));
        SwingUtilities.invokeAndWait(() -> w.event(new ClientEvent("completed", "{\"operation\":\"restore\",\"version\":\"" + backup + "\"}")));
        settle(robot);
        CompletedDialog d = completedDialog();
        String body = onEdt(() -> d.getTitle() + " | " + d.text.getText().replaceAll("<[^>]+>", ""));
        String lockWords = texts.get("completed.lock", "#").split("#")[0].strip();
        check(body.contains(texts.get("restore.completed.title")) && body.contains(backup) && !body.contains(lockWords), "a restore's completion, nothing said of a lock it was not told: " + body);
        String stays = onEdt(() -> w.notice.getText());
        check(stays.equals(texts.get("mis.available", "1.2.0.0")), "a restore installs no version: the notice of 1.2.0.0 stays: " + stays);
    }

    private static CompletedDialog completedDialog() throws Exception {
        return onEdt(() -> {
            CompletedDialog found = null;
            for (Window win : Window.getWindows()) {
                if (win instanceof CompletedDialog d && d.isShowing()) {
                    found = d;
                }
            }
            return found;
        });
    }

    private static List<String> columnNames(MisWindow w) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < w.table.getColumnCount(); i++) {
            names.add(w.table.getColumnName(i));
        }
        return names;
    }

    /** Every label's text in a window, HTML stripped, joined by " | ". */
    static String labels(Container c) {
        StringBuilder s = new StringBuilder();
        for (Component k : c.getComponents()) {
            if (k instanceof JLabel l && l.getText() != null) {
                s.append(l.getText().replaceAll("<[^>]+>", "")).append(" | ");
            }
            if (k instanceof Container inner) {
                s.append(labels(inner));
            }
        }
        return s.toString();
    }

    public static void settle(Robot robot) throws Exception {
        SwingUtilities.invokeAndWait(() -> { });
        robot.waitForIdle();
        Thread.sleep(700);
        robot.waitForIdle();
    }

    /** The window's bounds (or the whole screen when null) to a PNG. */
    public static void shot(Robot robot, Window w, Path file) throws Exception {
        Rectangle r = w == null ? new Rectangle(0, 0, 1366, 768) : onEdt(w::getBounds);
        BufferedImage img = robot.createScreenCapture(r);
        ImageIO.write(img, "png", file.toFile());
        System.out.println("SHOT " + file);
    }

    public static <T> T onEdt(java.util.concurrent.Callable<T> c) throws Exception {
        Object[] box = new Object[1];
        Exception[] err = new Exception[1];
        SwingUtilities.invokeAndWait(() -> {
            try {
                box[0] = c.call();
            } catch (Exception e) {
                err[0] = e;
            }
        });
        if (err[0] != null) {
            throw err[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }

    public static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("CHECK FAILED: " + what);
            System.exit(1);
        }
        System.out.println("CHECK " + what);
    }
}
