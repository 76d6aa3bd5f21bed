package ru.ksamu.client.mis;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.GridBagLayout;
import java.awt.event.KeyAdapter;
import java.awt.event.MouseAdapter;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Clock;
import java.util.List;
import java.util.Vector;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JToolBar;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.table.DefaultTableModel;
import ru.ksamu.client.Texts;

/**
 * The minimal MIS screen: the patient list of the main base (whatever columns the server sends),
 * a status line, and the update's windows: the countdown, the lock screen over the list, the
 * completion dialog, a quiet notice for a minor update.
 */
final class MisWindow extends JFrame implements MisView {

    private final Texts texts;
    private final EventTexts said;
    private final PatientCells cells;
    private final Clock clock;
    private final String version;
    private final Runnable reload;
    private final MisMain.Exit exit;
    private final DefaultTableModel model = new DefaultTableModel() {
        @Override
        public boolean isCellEditable(int row, int column) {
            return false;
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return PatientCells.Cell.class; // so the row sorter sorts by the cells' own order
        }
    };
    final JTable table = new JTable(model);
    private final JLabel status = new JLabel(" ");
    private final JLabel connection = new JLabel(" ");
    final JLabel notice = new JLabel(" ");
    private final LockPane lock = new LockPane();
    private CountdownWindow countdown;
    private CompletedDialog completed;
    /** The version the status line announces as available, or null. */
    private String announced;

    public MisWindow(Texts texts, Clock clock, String version, String user, Runnable reload, MisMain.Exit exit) {
        super(texts.get("mis.title", version, user));
        this.texts = texts;
        this.said = new EventTexts(texts);
        this.cells = new PatientCells(texts);
        this.clock = clock;
        this.version = version;
        this.reload = reload;
        this.exit = exit;
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                exit.exit(0);
            }
        });
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        JLabel title = new JLabel(texts.get("mis.patients"));
        title.setFont(title.getFont().deriveFont(Font.BOLD, 16f));
        title.setBorder(BorderFactory.createEmptyBorder(0, 8, 0, 16));
        JButton refresh = new JButton(texts.get("mis.refresh"));
        refresh.addActionListener(e -> reload.run());
        JButton relogin = new JButton(texts.get("mis.relogin"));
        relogin.addActionListener(e -> exit.exit(MisMain.EXIT_RELOGIN));
        bar.add(title);
        bar.add(refresh);
        bar.addSeparator();
        bar.add(relogin);
        table.setFillsViewportHeight(true);
        table.setRowHeight(24);
        table.setAutoCreateRowSorter(true);
        notice.setForeground(new Color(0x1565C0));
        JPanel south = new JPanel(new BorderLayout(12, 0));
        south.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        south.add(status, BorderLayout.WEST);
        south.add(notice, BorderLayout.CENTER);
        south.add(connection, BorderLayout.EAST);
        JPanel root = new JPanel(new BorderLayout());
        root.add(bar, BorderLayout.NORTH);
        root.add(new JScrollPane(table), BorderLayout.CENTER);
        root.add(south, BorderLayout.SOUTH);
        setContentPane(root);
        setGlassPane(lock);
        setPreferredSize(new Dimension(1000, 600));
        pack();
        setLocationRelativeTo(null);
    }

    private static void edt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    @Override
    public void patients(PatientsApi.Answer answer) {
        edt(() -> {
            if (answer instanceof PatientsApi.Table t) {
                Vector<Vector<Object>> rows = new Vector<>();
                for (List<String> r : t.rows()) {
                    rows.add(new Vector<>(cells.row(r)));
                }
                model.setDataVector(rows, new Vector<Object>(cells.headings(t.columns())));
                status.setText(texts.get("mis.patients.count", t.rows().size()));
            } else if (answer instanceof PatientsApi.NoTable) {
                model.setDataVector(new Vector<>(), new Vector<>());
                status.setText(texts.get("mis.patients.noTable"));
            } else if (answer instanceof PatientsApi.Locked l) {
                status.setText(texts.get("mis.patients.locked", l.message()));
            } else if (answer instanceof PatientsApi.NotConnected) {
                model.setDataVector(new Vector<>(), new Vector<>());
                status.setText(texts.get("mis.patients.notConnected.short"));
                notice.setText("<html>" + CountdownWindow.esc(texts.get("mis.patients.notConnected")) + "</html>");
            } else if (answer instanceof PatientsApi.Failed f) {
                status.setText(f.status() == 0 ? texts.get("mis.patients.unreachable", f.reason())
                        : texts.get("mis.patients.noApi", f.status()));
            }
        });
    }

    @Override
    public void event(ClientEvent e) {
        edt(() -> {
            switch (e.name()) {
                case "available" -> {
                    if (e.offersNewerThan(version)) {
                        announced = e.version();
                        notice.setText(texts.get("mis.available", announced));
                    }
                }
                case "countdown" -> showCountdown(e);
                case "cancelled" -> {
                    closeCountdown();
                    announced = null;
                    notice.setText(said.outcome(e));
                }
                case "locked" -> {
                    closeCountdown();
                    lock.show(said.of(e, "locked.title"), said.of(e, "locked.text"));
                }
                case "completed" -> {
                    closeCountdown();
                    lock.setVisible(false);
                    if (announced != null && e.operation() == ClientEvent.Operation.UPDATE
                            && !ClientEvent.newer(announced, e.version())) {
                        announced = null; // the announced version, or a newer one, is now installed
                        notice.setText(" ");
                    }
                    showCompleted(e);
                }
                case "failed" -> {
                    closeCountdown();
                    lock.setVisible(false);
                    reload.run();
                    JOptionPane pane = new JOptionPane(said.outcome(e), JOptionPane.WARNING_MESSAGE);
                    var d = pane.createDialog(this, said.of(e, "failed.title"));
                    d.setModal(false);
                    d.setAlwaysOnTop(true);
                    d.setVisible(true);
                }
                default -> {
                }
            }
        });
    }

    /** Shows the countdown window (replacing one already shown). */
    public CountdownWindow showCountdown(ClientEvent e) {
        closeCountdown();
        countdown = new CountdownWindow(this, clock, said.of(e, "countdown.title"), said.of(e, "countdown.text"),
                said.of(e, "countdown.subject"), e.deadline().orElse(clock.instant()));
        countdown.setVisible(true);
        return countdown;
    }

    /** Shows "Обновление завершено" or "База данных восстановлена". */
    public CompletedDialog showCompleted(ClientEvent e) {
        if (completed != null) {
            completed.dispose();
        }
        completed = new CompletedDialog(this, texts, said.of(e, "completed.title"), said.completed(e),
                () -> exit.exit(MisMain.EXIT_RELOGIN), () -> exit.exit(0));
        completed.setVisible(true);
        return completed;
    }

    private void closeCountdown() {
        if (countdown != null) {
            countdown.dispose();
            countdown = null;
        }
    }

    @Override
    public void connected() {
        edt(() -> connection.setText("● " + texts.get("mis.connected", "")));
    }

    @Override
    public void disconnected(int retryInSeconds, String reason) {
        edt(() -> connection.setText("○ " + texts.get("mis.disconnected", retryInSeconds)));
    }

    @Override
    public void notice(String text) {
        edt(() -> {
            announced = null;
            notice.setText(text);
        });
    }

    /** The lock screen: a veil over the list that takes every click. */
    static final class LockPane extends JComponent {
        private final JLabel head = new JLabel("", SwingConstants.CENTER);
        private final JLabel text = new JLabel("", SwingConstants.CENTER);

        LockPane() {
            setLayout(new GridBagLayout());
            JPanel box = new JPanel(new BorderLayout(0, 10));
            box.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(new Color(0x90A4AE)),
                    BorderFactory.createEmptyBorder(24, 32, 24, 32)));
            head.setFont(head.getFont().deriveFont(Font.BOLD, 20f));
            box.add(head, BorderLayout.NORTH);
            box.add(text, BorderLayout.CENTER);
            add(box);
            addMouseListener(new MouseAdapter() {
            });
            addKeyListener(new KeyAdapter() {
            });
        }

        void show(String title, String body) {
            head.setText(title);
            text.setText("<html><div style='width:380px;text-align:center'>" + CountdownWindow.esc(body) + "</div></html>");
            setVisible(true);
            requestFocusInWindow();
        }

        @Override
        protected void paintComponent(Graphics g) {
            g.setColor(new Color(240, 242, 245, 220));
            g.fillRect(0, 0, getWidth(), getHeight());
        }
    }
}
