package ru.ksamu.client.mis;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import ru.ksamu.client.Texts;

/**
 * Run by {@code SwingScreensIT} in a JVM of its own on an Xvfb display: shows the MIS window with
 * a patient list, then the server's countdown, lock and completion events as a user sees them,
 * checks what they show and saves a screenshot of each. Exits 0 when every check holds.
 */
public final class ScreensDemo {

    public static void main(String[] args) throws Exception {
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
        MisWindow[] w = new MisWindow[1];
        SwingUtilities.invokeAndWait(() -> {
            w[0] = new MisWindow(texts, clock, "1.1.0.1", "nurse", () -> { }, exitCode::set);
            w[0].setLocation(40, 40);
            w[0].setVisible(true);
            w[0].patients(new PatientsApi.Table(List.of("id", "full_name", "born", "phone"), List.of(
                    List.of("1", "Иванов Иван Иванович", "1980-03-14", "+7 900 000-00-01"),
                    List.of("2", "Петрова Анна Сергеевна", "1975-11-02", ""),
                    List.of("3", "Сидоров Пётр Алексеевич", "1992-07-23", "+7 900 000-00-03"))));
            w[0].connected();
            w[0].event(new ClientEvent("available", "{\"version\":\"1.0.0.6\"}"));
        });
        Robot robot = new Robot();
        settle(robot);
        shot(robot, w[0], out.resolve(lang.equals("en") ? "client-mis-en.png" : "client-mis.png"));

        Instant deadline = clock.instant().plus(Duration.ofMinutes(8));
        CountdownWindow[] cw = new CountdownWindow[1];
        SwingUtilities.invokeAndWait(() -> cw[0] = w[0].showCountdown(new ClientEvent("countdown",
                "{\"version\":\"1.1.0.1\",\"deadline\":\"" + deadline + "\",\"message\":\"Обновление КСАМУ до версии 1.1.0.1 в 21:30\"}")));
        settle(robot);
        String first = onEdt(() -> cw[0].remainingText());
        check(first.matches("0[78]:[0-5]\\d"), "countdown shows mm:ss below 08:00: " + first);
        check(onEdt(() -> cw[0].isAlwaysOnTop() && cw[0].isShowing()), "the countdown is shown on top");
        Thread.sleep(2100);
        String later = onEdt(() -> cw[0].remainingText());
        check(later.compareTo(first) < 0, "the countdown ticks: " + first + " then " + later);
        shot(robot, null, out.resolve(lang.equals("en") ? "client-countdown-en.png" : "client-countdown.png"));

        SwingUtilities.invokeAndWait(() -> w[0].event(new ClientEvent("locked", "{\"version\":\"1.1.0.1\",\"message\":\"\"}")));
        settle(robot);
        check(onEdt(() -> !cw[0].isDisplayable()), "the lock closes the countdown");
        shot(robot, w[0], out.resolve(lang.equals("en") ? "client-locked-en.png" : "client-locked.png"));

        CompletedDialog[] cd = new CompletedDialog[1];
        SwingUtilities.invokeAndWait(() -> w[0].event(new ClientEvent("completed", "{\"version\":\"1.1.0.1\",\"message\":\"\"}")));
        settle(robot);
        for (Window win : Window.getWindows()) {
            if (win instanceof CompletedDialog d && d.isShowing()) {
                cd[0] = d;
            }
        }
        check(cd[0] != null, "the completion dialog is shown");
        check(onEdt(() -> cd[0].relogin.getText().equals(texts.get("completed.relogin"))
                && cd[0].close.getText().equals(texts.get("completed.close"))), "its two buttons");
        shot(robot, null, out.resolve(lang.equals("en") ? "client-completed-en.png" : "client-completed.png"));
        SwingUtilities.invokeAndWait(() -> cd[0].relogin.doClick());
        check(exitCode.get() == MisMain.EXIT_RELOGIN, "[" + texts.get("completed.relogin") + "] exits for a new log-in: " + exitCode.get());
        SwingUtilities.invokeAndWait(() -> cd[0].close.doClick());
        check(exitCode.get() == 0, "[" + texts.get("completed.close") + "] closes the program: " + exitCode.get());
        System.out.println("SCREENS OK");
        System.exit(0);
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
