package ru.ksamu.client.launcher;

import static ru.ksamu.client.mis.ScreensDemo.check;
import static ru.ksamu.client.mis.ScreensDemo.onEdt;
import static ru.ksamu.client.mis.ScreensDemo.settle;
import static ru.ksamu.client.mis.ScreensDemo.shot;

import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Robot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.client.mis.Look;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * Run by {@code LauncherProgressIT} in a JVM of its own on an Xvfb display: the launcher's own
 * window ({@link SwingLauncherUi}) while it downloads and installs the server's client over real
 * HTTP. When the download passes 40 %, it checks what the window shows and saves a screenshot
 * ({@code client-progress.png}); the download waits for that and then goes on to the end.
 * Arguments: server URL, release public key file, client folder, screenshot folder.
 */
public final class ProgressDemo {

    public static void main(String[] args) throws Exception {
        String server = args[0];
        TrustedKeys keys = TrustedKeys.of(List.of(TrustedKey.read(Path.of(args[1]))));
        Path data = Path.of(args[2]);
        Path shots = Path.of(args[3]);
        Files.createDirectories(shots);
        Look.install();
        JFrame.setDefaultLookAndFeelDecorated(true); // no window manager on Xvfb: FlatLaf draws the title bar
        Texts texts = Texts.of("ru");
        SwingLauncherUi ui = new SwingLauncherUi(texts);
        ui.say(texts.get("launcher.checking", server));
        ServerApi api = new ServerApi(new ServerAccess(server, ServerAccess.Timeouts.DEFAULT, Optional.empty()), texts);
        ServerApi.ManifestAnswer answer = api.manifest();
        check(answer instanceof ServerApi.Current, "the server answers with its client: " + answer);
        ClientManifest m = ((ServerApi.Current) answer).manifest();
        m.verify(keys);
        Robot robot = new Robot();
        long[] totalDone = {0, 0};
        boolean[] shotTaken = {false};
        Installation.Progress progress = new Installation.Progress() {
            @Override
            public void started(String version, int toDownload, int total, long bytes) {
                ui.started(version, toDownload, total, bytes);
                totalDone[0] = bytes;
            }

            @Override
            public void advanced(long bytes) {
                ui.advanced(bytes);
                totalDone[1] += bytes;
                if (!shotTaken[0] && totalDone[1] * 10 >= totalDone[0] * 4) {
                    shotTaken[0] = true;
                    try {
                        inspect(robot, texts, shots.resolve("client-progress.png"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        int downloaded = new Installation(data).install(m, api::download, progress);
        check(shotTaken[0], "the window was seen in the middle of the download");
        check(downloaded == m.files().size() && totalDone[1] == totalDone[0],
                "the whole client was downloaded: " + downloaded + " files, " + totalDone[1] + " bytes");
        check(new Installation(data).current().filter(m.version()::equals).isPresent(), "version " + m.version() + " is installed");
        ui.close();
        System.out.println("PROGRESS OK");
        System.exit(0);
    }

    /** Checks the launcher's window while the download waits, and takes its picture. */
    private static void inspect(Robot robot, Texts texts, Path png) throws Exception {
        settle(robot);
        JFrame frame = onEdt(() -> {
            for (Frame f : Frame.getFrames()) {
                if (f.isShowing() && f instanceof JFrame j && texts.get("launcher.title").equals(j.getTitle())) {
                    return j;
                }
            }
            return null;
        });
        check(frame != null, "the launcher's window is shown: " + texts.get("launcher.title"));
        JProgressBar bar = onEdt(() -> find(frame.getContentPane(), JProgressBar.class));
        int value = onEdt(bar::getValue);
        check(!onEdt(bar::isIndeterminate) && value >= 400 && value < 1000, "the bar shows the share downloaded: " + value + "/1000");
        String said = onEdt(bar::getString);
        check(said.startsWith("Загружено ") && said.contains(" из "), "the bar says how much: " + said);
        String label = onEdt(() -> find(frame.getContentPane(), JLabel.class, 1).getText());
        check(label.contains("Обновление клиента до версии") && label.contains("загрузить"), "the window says what it does: " + label);
        shot(robot, frame, png);
    }

    private static <T extends Component> T find(Container c, Class<T> type) {
        return find(c, type, 0);
    }

    /** The {@code skip}-th component of the type in the tree, depth first. */
    private static <T extends Component> T find(Container c, Class<T> type, int skip) {
        int[] left = {skip};
        return walk(c, type, left);
    }

    private static <T extends Component> T walk(Container c, Class<T> type, int[] left) {
        for (Component k : c.getComponents()) {
            if (type.isInstance(k) && left[0]-- == 0) {
                return type.cast(k);
            }
            if (k instanceof Container sub) {
                T t = walk(sub, type, left);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
