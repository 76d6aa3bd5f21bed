package ru.ksamu.client.mis;

import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.ksamu.client.DurationConverter;
import ru.ksamu.client.HostName;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.client.WorkstationToken;
import ru.ksamu.release.net.InvalidProxyException;
import ru.ksamu.release.net.ProxySetting;

/**
 * The MIS program a client release carries ({@code client/ksamu-mis.jar}); the launcher runs it
 * as a child process. It writes {@code --ready-file} once it is up (a program that exits before
 * that "did not start" and the launcher goes back to the previous version), and exits with
 * {@value #EXIT_RELOGIN} for "Перезайти в МИС" so the launcher checks for updates and starts it again.
 */
@Command(name = "ksamu-mis", resourceBundle = "ru.ksamu.client.mis.usage")
public final class MisMain implements Callable<Integer> {

    /** "Log in again": the launcher checks for updates and starts the program again. */
    public static final int EXIT_RELOGIN = 10;

    /** How the program ends (tests replace it). */
    public interface Exit {
        void exit(int code);
    }

    @Option(names = "--server", required = true)
    String server;

    @Option(names = "--lang", defaultValue = "ru")
    String lang;

    @Option(names = "--user", defaultValue = "${sys:user.name}")
    String user;

    @Option(names = "--version", defaultValue = "")
    String version;

    @Option(names = "--ready-file")
    Path readyFile;

    @Option(names = "--headless")
    boolean headless;

    @Option(names = "--notice")
    String notice;

    /** A stream silent this long (no event, no heartbeat) is dropped and opened again. */
    @Option(names = "--events-idle-seconds", defaultValue = "" + EventStream.DEFAULT_IDLE_SECONDS)
    int eventsIdleSeconds;

    /** The proxy of every call to the server; the launcher hands its own over in the environment. */
    @Option(names = ServerAccess.PROXY_OPTION, defaultValue = "${env:" + ServerAccess.ENV_PROXY + "}")
    String proxy;

    /** Connecting to the server; the launcher hands its own over in the environment. */
    @Option(names = "--connect-timeout", converter = DurationConverter.class,
            defaultValue = "${env:" + ServerAccess.Timeouts.ENV_CONNECT + ":-" + ServerAccess.Timeouts.DEFAULT_CONNECT_TEXT + "}")
    Duration connectTimeout;

    /** The server's answer, and each KiB of a body (the patient list); from the launcher likewise. */
    @Option(names = "--read-timeout", converter = DurationConverter.class,
            defaultValue = "${env:" + ServerAccess.Timeouts.ENV_READ + ":-" + ServerAccess.Timeouts.DEFAULT_READ_TEXT + "}")
    Duration readTimeout;

    public static void main(String[] args) {
        int code = new CommandLine(new MisMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (eventsIdleSeconds <= 0) {
            System.err.println("ksamu-mis: --events-idle-seconds must be positive, got " + eventsIdleSeconds);
            return 2;
        }
        ServerAccess.Timeouts timeouts;
        try {
            timeouts = new ServerAccess.Timeouts(connectTimeout, readTimeout);
        } catch (IllegalArgumentException e) {
            System.err.println("ksamu-mis: " + e.getMessage());
            return 2;
        }
        ProxySetting proxySetting;
        try {
            proxySetting = ProxySetting.parse(ServerAccess.PROXY_OPTION, proxy);
        } catch (InvalidProxyException e) {
            System.err.println("ksamu-mis: " + e.getMessage());
            return 2;
        }
        ServerAccess.allowBasicForProxyTunnels(proxySetting);
        Texts texts = Texts.of(lang);
        // The launcher hands the workstation's token over in the environment, never on the command line.
        ServerAccess access = new ServerAccess(server, timeouts, WorkstationToken.parse(System.getenv(WorkstationToken.ENV)),
                proxySetting);
        PatientsApi patients = new PatientsApi(access, texts);
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ksamu-mis-patients");
            t.setDaemon(true);
            return t;
        });
        Exit exit = code -> {
            System.out.flush();
            System.exit(code);
        };
        MisView view;
        Runnable[] reload = new Runnable[1];
        if (headless || GraphicsEnvironment.isHeadless()) {
            view = new HeadlessMis(System.out, texts, version, exit);
        } else {
            Look.install();
            MisWindow[] w = new MisWindow[1];
            SwingUtilities.invokeAndWait(() -> {
                w[0] = new MisWindow(texts, Clock.systemUTC(), version, user, () -> reload[0].run(), exit);
                w[0].setVisible(true);
            });
            view = w[0];
        }
        reload[0] = () -> worker.execute(new PatientLoader(patients, view, worker));
        if (notice != null && !notice.isBlank()) {
            view.notice(notice);
        }
        reload[0].run();
        new EventStream(access, user, HostName.get(System.getenv()), version, new EventStream.Sink() {
            @Override
            public void event(ClientEvent e) {
                view.event(e);
                if (e.name().equals("completed") || e.name().equals("cancelled")) {
                    reload[0].run();
                }
            }

            @Override
            public void connected() {
                view.connected();
            }

            @Override
            public void disconnected(int retryInSeconds, String reason) {
                view.disconnected(retryInSeconds, reason);
            }
        }, Duration.ofSeconds(eventsIdleSeconds), Clock.systemUTC()).start();
        if (readyFile != null) {
            Files.writeString(readyFile, version + "\n", StandardCharsets.UTF_8);
        }
        if (view instanceof HeadlessMis) {
            System.out.println("MIS ready " + version + " user=" + user);
            System.out.flush();
            readCommands(exit, reload[0]);
        }
        new CountDownLatch(1).await(); // windows and the stream run until the user or the server ends the program
        return 0;
    }

    /** Headless: {@code quit}, {@code relogin}, {@code patients} on standard input; its end changes nothing. */
    private static void readCommands(Exit exit, Runnable reload) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.strip()) {
                case "quit" -> exit.exit(0);
                case "relogin" -> exit.exit(EXIT_RELOGIN);
                case "patients" -> reload.run();
                default -> {
                }
            }
        }
    }

    /** Loads the list; while the base is locked, tries again after the server's Retry-After. */
    private record PatientLoader(PatientsApi api, MisView view, ScheduledExecutorService worker) implements Runnable {
        @Override
        public void run() {
            PatientsApi.Answer a = api.load();
            view.patients(a);
            if (a instanceof PatientsApi.Locked l) {
                worker.schedule(this, Math.min(l.retryAfterSeconds(), 60), TimeUnit.SECONDS);
            }
        }
    }
}
