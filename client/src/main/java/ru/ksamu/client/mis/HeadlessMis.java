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
    private final EventTexts said;
    private final String version;
    private final MisMain.Exit exit;

    HeadlessMis(PrintStream out, Texts texts, String version, MisMain.Exit exit) {
        this.out = out;
        this.texts = texts;
        this.said = new EventTexts(texts);
        this.version = version;
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
            case "available" -> {
                if (e.offersNewerThan(version)) {
                    line("MIS " + texts.get("mis.available", e.version()));
                }
            }
            case "countdown" -> line("MIS " + said.of(e, "countdown.text") + ". " + said.of(e, "countdown.subject")
                    + " " + e.field("deadline"));
            case "locked" -> line("MIS " + said.of(e, "locked.text"));
            case "cancelled", "failed" -> line("MIS " + said.outcome(e));
            case "completed" -> {
                line("MIS " + said.completed(e));
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
