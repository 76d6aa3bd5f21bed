package ru.ksamu.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * Runs the KSAMU server from {@code <data>/server/versions/<current>/} as a child process and
 * switches versions when the server asks for it (see docs/architecture.md, "The supervisor").
 *
 * <p>The server exits with {@link #RESTART_EXIT_CODE} after its task "Обновление Сервера КСАМУ"
 * has put a new version beside the running one and written {@code pending}. The supervisor then
 * makes that version current, starts it and waits for it to answer UP; a version that exits or
 * stays silent for the health timeout is stopped and the previous one is started again. Any other
 * exit of the server ends the supervisor with the same code; SIGTERM and Ctrl-C stop the server
 * gracefully first.
 */
public final class Supervisor {

    /** The exit code by which the server asks to be restarted (on the pending version, if any). */
    public static final int RESTART_EXIT_CODE = 75;
    /** The environment variable that tells the server a supervisor will restart it. */
    public static final String SUPERVISED_ENV = "KSAMU_SUPERVISED";
    /** A bad command line. */
    static final int EXIT_USAGE = 2;
    /** No server to run: no {@code current} and no bundled jar, or a version folder without its jar. */
    static final int EXIT_NOTHING_TO_RUN = 3;
    /** The name a bundled jar gets when its own version is not a release version a.b.c.d. */
    static final String BUNDLED = "bundled";

    private final SupervisorOptions options;
    private final ServerFolder folder;
    private final ServerProcess servers;
    private final Clock clock;
    private final PrintStream out;

    private final Object lock = new Object();
    private Process child;
    private boolean stopping;

    Supervisor(SupervisorOptions options, Clock clock, PrintStream out) {
        this.options = options;
        this.folder = new ServerFolder(options.dataDir(), line -> out.println("ksamu-supervisor: " + line));
        this.servers = new ServerProcess(options, folder, clock);
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        Supervisor s;
        try {
            s = new Supervisor(SupervisorOptions.parse(args, System.getenv()), Clock.systemUTC(), System.err);
        } catch (SupervisorException e) {
            System.err.println("ksamu-supervisor: ОШИБКА: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "ksamu-supervisor-stop"));
        int code = s.run();
        if (!s.stopping()) { // during the JVM's shutdown the hook decides; exit() would block there
            System.exit(code);
        }
    }

    /** Runs servers until one exits other than for a restart; returns its exit code. */
    int run() {
        try {
            seed();
            Process p = startFirst();
            while (true) {
                if (p == null) {
                    return 0; // stopped before it started
                }
                int code = p.waitFor();
                if (stopping()) {
                    return code;
                }
                if (code != RESTART_EXIT_CODE) {
                    say("сервер завершился с кодом " + code, "the server exited with code " + code);
                    return code;
                }
                Optional<String> pending = folder.pending();
                if (pending.isPresent() && Files.isRegularFile(folder.jar(pending.get()))) {
                    p = switchTo(pending.get());
                } else {
                    pending.ifPresent(v -> say("в pending указана версия " + v + ", но её нет в versions/; перезапуск текущей",
                            "pending names " + v + " but versions/ lacks it; restarting the current one"));
                    folder.clearPending();
                    p = start(folder.current().orElseThrow());
                }
            }
        } catch (SupervisorException e) {
            out.println("ksamu-supervisor: ОШИБКА: " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * First what a crash left in {@code versions/} is put right. On the first start: the bundled jar
     * becomes {@code versions/<its version>/} and current. A development build ({@value #BUNDLED})
     * that is current is refreshed when the build changed.
     */
    void seed() {
        try {
            folder.recoverVersions();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put right " + folder.root().resolve("versions"), e);
        }
        Optional<String> current = folder.current();
        Optional<Path> bundled = options.bundledJar();
        if (current.isEmpty()) {
            Path jar = bundled.orElseThrow(() -> new SupervisorException(EXIT_NOTHING_TO_RUN,
                    "нечего запускать: нет " + folder.root().resolve("current") + " и не задан --bundled-jar",
                    "nothing to run: no " + folder.root().resolve("current") + " and no --bundled-jar"));
            String name = versionOf(jar);
            folder.install(name, jar);
            folder.setCurrent(name);
            say("первый запуск: версия " + name + " из " + jar, "first start: version " + name + " from " + jar);
            return;
        }
        if (bundled.isPresent() && current.get().equals(BUNDLED) && versionOf(bundled.get()).equals(BUNDLED)
                && changed(bundled.get(), folder.jar(BUNDLED))) {
            folder.install(BUNDLED, bundled.get());
            say("сборка " + bundled.get() + " изменилась: обновлена версия " + BUNDLED,
                    "the build " + bundled.get() + " changed: refreshed " + BUNDLED);
        }
        if (!Files.isRegularFile(folder.jar(current.get()))) {
            throw new SupervisorException(EXIT_NOTHING_TO_RUN, "нет файла " + folder.jar(current.get()),
                    "missing " + folder.jar(current.get()));
        }
    }

    /**
     * The first server: normally current; a switch that a previous supervisor left CHECKING is
     * checked now, and a pending version (installed by an unsupervised server) is switched to.
     */
    private Process startFirst() throws InterruptedException {
        // A last-switch.json that cannot be read is empty here (the folder has said why in the log), so
        // no switch counts as in progress and current starts as it is. That is the safe reading: the
        // pointer current, not the record, names what runs, and it was written after the record's
        // CHECKING. Checking current again against previous on a guess could roll back a version that
        // had proven healthy, and would record a fresh OK that the server reports as a new update. A
        // current that cannot start ends the supervisor with its exit code, as at any other start.
        Optional<SwitchRecord> last = folder.lastSwitch();
        String current = folder.current().orElseThrow();
        if (last.isPresent() && last.get().outcome() == SwitchRecord.Outcome.CHECKING && last.get().to().equals(current)
                && Files.isRegularFile(folder.jar(last.get().from()))) {
            say("переключение " + last.get().from() + " → " + current + " не было проверено; проверка сейчас",
                    "the switch " + last.get().from() + " -> " + current + " was not checked; checking now");
            return check(last.get().from(), current);
        }
        Optional<String> pending = folder.pending();
        if (pending.isPresent() && !pending.get().equals(current) && Files.isRegularFile(folder.jar(pending.get()))) {
            return switchTo(pending.get()); // installed while no supervisor ran: "the next restart switches"
        }
        return start(current);
    }

    /** previous := current, current := pending, pending removed; then the new version must prove healthy. */
    private Process switchTo(String to) throws InterruptedException {
        String from = folder.current().orElseThrow();
        say("переключение на версию " + to + " (была " + from + ")", "switching to " + to + " (was " + from + ")");
        folder.record(new SwitchRecord(from, to, SwitchRecord.Outcome.CHECKING, "", clock.instant()));
        folder.setPrevious(from);
        folder.setCurrent(to);
        folder.clearPending();
        return check(from, to);
    }

    private Process check(String from, String to) throws InterruptedException {
        Process p = start(to);
        if (p == null) {
            return null;
        }
        Optional<String> failure = servers.awaitHealthy(p);
        if (failure.isEmpty()) {
            folder.record(new SwitchRecord(from, to, SwitchRecord.Outcome.OK, "", clock.instant()));
            say("версия " + to + " работает", "version " + to + " is healthy");
            return p;
        }
        if (stopping()) {
            return p;
        }
        say("версия " + to + " не готова: " + failure.get() + "; возврат к " + from,
                "version " + to + " is not healthy: " + failure.get() + "; going back to " + from);
        ServerProcess.stop(p);
        folder.setCurrent(from);
        folder.record(new SwitchRecord(from, to, SwitchRecord.Outcome.ROLLED_BACK, failure.get(), clock.instant()));
        return start(from);
    }

    /** Starts a version unless a stop has begun (then null). */
    private Process start(String version) {
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            say("запуск версии " + version, "starting version " + version);
            child = servers.start(version);
            return child;
        }
    }

    /** SIGTERM or Ctrl-C: the running server gets a graceful stop and is waited for. */
    void stop() {
        Process p;
        synchronized (lock) {
            stopping = true;
            p = child;
        }
        if (p != null && p.isAlive()) {
            try {
                ServerProcess.stop(p);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** The jar's Implementation-Version when it is a release version a.b.c.d, else {@value #BUNDLED}. */
    static String versionOf(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            String v = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v != null && v.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? v : BUNDLED;
        } catch (IOException e) {
            throw new SupervisorException(EXIT_NOTHING_TO_RUN, "не читается jar сервера " + jar + ": " + e.getMessage(),
                    "cannot read the server jar " + jar + ": " + e.getMessage(), e);
        }
    }

    private static boolean changed(Path build, Path installed) {
        try {
            return !Files.isRegularFile(installed) || Files.size(build) != Files.size(installed)
                    // whole milliseconds: a copy keeps the time only to the file system's precision
                    || Files.getLastModifiedTime(build).toMillis() != Files.getLastModifiedTime(installed).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void say(String ru, String en) {
        out.println("ksamu-supervisor: " + ru + " / " + en);
    }
}
