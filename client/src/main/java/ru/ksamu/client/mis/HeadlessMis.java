package ru.ksamu.client.mis;

import java.io.PrintStream;
import ru.ksamu.client.Texts;

/**
 * {@code --headless}: every event of the server is one line {@code EVENT <name> <data>}, the
 * rest are lines starting with {@code MIS }. After {@code completed} it logs in again by itself
 * (exit {@value ru.ksamu.client.mis.MisMain#EXIT_RELOGIN}: the launcher installs the new version);
 * standard input takes {@code relogin}, {@code quit} and {@code patients}.
 */
final class HeadlessMis implements MisView {

    private final PrintStream out;
    private final Texts texts;
    private final MisMain.Exit exit;

    HeadlessMis(PrintStream out, Texts texts, MisMain.Exit exit) {
        this.out = out;
        this.texts = texts;
        this.exit = exit;
    }

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    @Override
    public void patients(PatientsApi.Answer answer) {
        if (answer instanceof PatientsApi.Table t) {
            line("MIS patients " + t.rows().size() + " columns=" + String.join(",", t.columns()));
        } else if (answer instanceof PatientsApi.NoTable) {
            line("MIS patients " + texts.get("mis.patients.noTable"));
        } else if (answer instanceof PatientsApi.Locked l) {
            line("MIS patients " + texts.get("mis.patients.locked", l.message()));
        } else if (answer instanceof PatientsApi.NotConnected) {
            line("MIS patients " + texts.get("mis.patients.notConnected"));
        } else if (answer instanceof PatientsApi.Failed f) {
            line("MIS patients " + (f.status() == 0 ? texts.get("mis.patients.unreachable", f.reason())
                    : texts.get("mis.patients.noApi", f.status())));
        }
    }

    @Override
    public void event(ClientEvent e) {
        line(e.line());
        switch (e.name()) {
            case "available" -> line("MIS " + texts.get("mis.available", e.version()));
            case "countdown" -> line("MIS " + texts.get("countdown.text") + " " + e.field("deadline"));
            case "locked" -> line("MIS " + texts.get("locked.text", e.version()));
            case "cancelled" -> line("MIS " + texts.get("cancelled.text", e.version()));
            case "failed" -> line("MIS " + texts.get("failed.text"));
            case "completed" -> {
                line("MIS " + texts.get("completed.title") + ": " + texts.get("completed.relogin"));
                exit.exit(MisMain.EXIT_RELOGIN);
            }
            default -> {
            }
        }
    }

    @Override
    public void connected() {
        line("MIS connected");
    }

    @Override
    public void disconnected(int retryInSeconds, String reason) {
        line("MIS disconnected (" + reason + "), retry in " + retryInSeconds + " s");
    }

    @Override
    public void notice(String text) {
        line("MIS notice " + text);
    }
}
