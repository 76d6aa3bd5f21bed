package ru.ksamu.client.mis;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.WindowConstants;
import ru.ksamu.client.Texts;

/**
 * "Обновление завершено" (or "База данных восстановлена"): log in again (the launcher brings the
 * new version) or close the program.
 */
final class CompletedDialog extends JDialog {

    final JButton relogin;
    final JButton close;

    final JLabel text;

    /** {@code title} and {@code body} are what the user reads, {@code body} saying each thing once. */
    public CompletedDialog(Window owner, Texts texts, String title, String body, Runnable onRelogin, Runnable onClose) {
        super(owner, title, ModalityType.MODELESS);
        setAlwaysOnTop(true);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        setResizable(false);
        JPanel p = new JPanel(new BorderLayout(0, 14));
        p.setBorder(BorderFactory.createEmptyBorder(18, 24, 14, 24));
        JLabel head = new JLabel(title);
        head.setFont(head.getFont().deriveFont(Font.BOLD, 18f));
        text = new JLabel("<html><div style='width:360px'>" + CountdownWindow.esc(body) + "</div></html>");
        relogin = new JButton(texts.get("completed.relogin"));
        close = new JButton(texts.get("completed.close"));
        relogin.addActionListener(e -> onRelogin.run());
        close.addActionListener(e -> onClose.run());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        buttons.add(relogin);
        buttons.add(close);
        p.add(head, BorderLayout.NORTH);
        p.add(text, BorderLayout.CENTER);
        p.add(buttons, BorderLayout.SOUTH);
        setContentPane(p);
        getRootPane().setDefaultButton(relogin);
        pack();
        setLocationRelativeTo(owner);
    }
}
