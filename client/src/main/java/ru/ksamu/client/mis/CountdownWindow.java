package ru.ksamu.client.mis;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.swing.BorderFactory;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The major update's warning: a window on top of all others, minutes and seconds ticking down
 * to the moment the database is locked. It cannot be closed; the server's {@code locked},
 * {@code cancelled} or {@code failed} event closes it.
 */
final class CountdownWindow extends JDialog {

    private final Clock clock;
    private final Instant deadline;
    private final JLabel time = new JLabel("", SwingConstants.CENTER);
    private final Timer timer;

    /**
     * @param title the window's title, {@code text} the sentence above the time, {@code subject}
     *     the line below it (the version, or the backup of a restore): each said once
     */
    public CountdownWindow(Window owner, Clock clock, String title, String text, String subject, Instant deadline) {
        super(owner, title, ModalityType.MODELESS);
        this.clock = clock;
        this.deadline = deadline;
        setAlwaysOnTop(true);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        setResizable(false);
        JPanel p = new JPanel(new BorderLayout(0, 10));
        p.setBorder(BorderFactory.createEmptyBorder(18, 24, 18, 24));
        JLabel head = new JLabel("<html><div style='width:340px;text-align:center'>" + esc(text)
                + "</div></html>", SwingConstants.CENTER);
        head.setFont(head.getFont().deriveFont(Font.BOLD, 15f));
        time.setFont(time.getFont().deriveFont(Font.BOLD, 56f));
        time.setForeground(new Color(0xC6, 0x28, 0x28));
        JPanel foot = new JPanel(new GridLayout(0, 1, 0, 4));
        foot.add(new JLabel("<html><div style='width:340px;text-align:center'>" + esc(subject) + "</div></html>",
                SwingConstants.CENTER));
        p.add(head, BorderLayout.NORTH);
        p.add(time, BorderLayout.CENTER);
        p.add(foot, BorderLayout.SOUTH);
        setContentPane(p);
        tick();
        timer = new Timer(200, e -> tick());
        timer.start();
        pack();
        setLocationRelativeTo(owner);
    }

    /** What the window shows now, mm:ss. */
    public String remainingText() {
        return time.getText();
    }

    static String format(Duration left) {
        long s = Math.max(0, (left.toMillis() + 999) / 1000);
        return String.format("%02d:%02d", s / 60, s % 60);
    }

    private void tick() {
        time.setText(format(Duration.between(clock.instant(), deadline)));
    }

    @Override
    public void dispose() {
        if (timer != null) {
            timer.stop();
        }
        super.dispose();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
