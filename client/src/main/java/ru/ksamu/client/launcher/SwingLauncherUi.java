package ru.ksamu.client.launcher;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import ru.ksamu.client.Texts;
import ru.ksamu.client.mis.Look;

/** The launcher's window: what it does now, and a progress bar while it downloads. */
final class SwingLauncherUi implements LauncherUi {

    private final Texts texts;
    private final LauncherUi.Console console;
    private JFrame frame;
    private JLabel label;
    private JProgressBar bar;
    private long total;
    private long done;

    SwingLauncherUi(Texts texts) {
        this.texts = texts;
        this.console = new LauncherUi.Console(System.out, texts);
        Look.install();
    }

    private void onEdt(Runnable r) {
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void ensureFrame() {
        if (frame != null) {
            return;
        }
        frame = new JFrame(texts.get("launcher.title"));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                System.exit(1); // the user closed the launcher before the program started
            }
        });
        JPanel p = new JPanel(new BorderLayout(0, 12));
        p.setBorder(BorderFactory.createEmptyBorder(20, 20, 20, 20));
        JLabel title = new JLabel(texts.get("launcher.brand"));
        title.setFont(title.getFont().deriveFont(Font.BOLD, 20f));
        label = new JLabel(" ");
        bar = new JProgressBar(0, 1000);
        bar.setIndeterminate(true);
        bar.setStringPainted(false);
        p.add(title, BorderLayout.NORTH);
        p.add(label, BorderLayout.CENTER);
        p.add(bar, BorderLayout.SOUTH);
        frame.setContentPane(p);
        frame.setPreferredSize(new Dimension(640, 170));
        frame.pack();
        frame.setLocationRelativeTo(null);
        frame.setVisible(true);
    }

    @Override
    public void say(String text) {
        console.say(text);
        onEdt(() -> {
            ensureFrame();
            label.setText("<html>" + escape(text) + "</html>");
        });
    }

    @Override
    public void maintenance(String text) {
        say(text);
        onEdt(() -> bar.setIndeterminate(true));
    }

    @Override
    public void fatal(String text) {
        console.fatal(text);
        onEdt(() -> {
            if (frame != null) {
                frame.dispose();
                frame = null;
            }
            JOptionPane.showMessageDialog(null, text, texts.get("launcher.error.title"), JOptionPane.ERROR_MESSAGE);
        });
    }

    @Override
    public void started(String version, int toDownload, int totalFiles, long bytes) {
        console.started(version, toDownload, totalFiles, bytes);
        total = bytes;
        done = 0;
        String text = texts.get("launcher.updating", version, toDownload, totalFiles, texts.bytes(bytes));
        onEdt(() -> {
            ensureFrame();
            label.setText("<html>" + escape(text) + "</html>");
            bar.setIndeterminate(false);
            bar.setValue(0);
            bar.setStringPainted(true);
        });
    }

    @Override
    public void advanced(long bytes) {
        console.advanced(bytes);
        done += bytes;
        int value = total == 0 ? 1000 : (int) Math.min(1000, done * 1000 / total);
        String s = texts.get("launcher.progress", texts.bytes(done), texts.bytes(total));
        SwingUtilities.invokeLater(() -> {
            if (bar != null) {
                bar.setValue(value);
                bar.setString(s);
            }
        });
    }

    @Override
    public void close() {
        onEdt(() -> {
            if (frame != null) {
                frame.dispose();
                frame = null;
            }
        });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
