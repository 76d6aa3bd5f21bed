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

/** "Обновление завершено": log in again (the launcher brings the new version) or close the program. */
final class CompletedDialog extends JDialog {

    final JButton relogin;
    final JButton close;

    public CompletedDialog(Window owner, Texts texts, String version, String message, Runnable onRelogin, Runnable onClose) {
        super(owner, texts.get("completed.title"), ModalityType.MODELESS);
        setAlwaysOnTop(true);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        setResizable(false);
        JPanel p = new JPanel(new BorderLayout(0, 14));
        p.setBorder(BorderFactory.createEmptyBorder(18, 24, 14, 24));
        JLabel head = new JLabel(texts.get("completed.title"));
        head.setFont(head.getFont().deriveFont(Font.BOLD, 18f));
        StringBuilder html = new StringBuilder("<html><div style='width:360px'>")
                .append(CountdownWindow.esc(texts.get("completed.text", version)));
        if (message != null && !message.isBlank()) {
            html.append("<br><br>").append(CountdownWindow.esc(message));
        }
        JLabel text = new JLabel(html.append("</div></html>").toString());
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
