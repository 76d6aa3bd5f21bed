package ru.ksamu.client.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.client.WorkstationToken;
import ru.ksamu.release.Version;
import ru.ksamu.release.net.ProxySetting;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * The launcher's loop: ask the server for its client, verify and install it if it is new, start
 * the installed program as a child process, and go round again when the program asks for a new
 * log-in. A program that exits before saying it is ready did not start: the launcher goes back
 * to the previous version and remembers the failed one.
 */
final class Launcher {

    /** The program's file inside a client version folder. */
    public static final String PROGRAM = "ksamu-mis.jar";
    /** The program's exit code for "log in again": the launcher checks for updates and starts it again. */
    public static final int EXIT_RELOGIN = 10;
    /** Nothing could be started (no installed version, and none could be installed). */
    public static final int EXIT_NOTHING_TO_START = 3;
    /** The program failed to start and there was no version to go back to. */
    public static final int EXIT_START_FAILED = 4;

    /**
     * How the launcher was asked to run.
     *
     * @param timeouts   for every call to the server, the launcher's and the program's
     * @param enrollCode the enrollment code (shown to the admin on the Клиенты tab), if given
     * @param host       this computer's name, the workstation's name on the server
     * @param proxy      the proxy of every call to the server, the launcher's and the program's
     */
    public record Settings(String server, Path data, TrustedKeys releaseKeys, Texts texts, boolean headless,
                           String user, List<String> javaOptions, ServerAccess.Timeouts timeouts,
                           Optional<String> enrollCode, String host, ProxySetting proxy) {
    }

    private final Settings s;
    private final Texts t;
    private final LauncherUi ui;
    private final ServerApi api;
    private final Enrollment enrollment;

    Launcher(Settings settings, LauncherUi ui) {
        this.s = settings;
        this.t = settings.texts();
        this.ui = ui;
        this.api = new ServerApi(new ServerAccess(settings.server(), settings.timeouts(), Optional.empty(), settings.proxy()), t);
        this.enrollment = new Enrollment(api, settings.data(), settings.enrollCode(), settings.host(), settings.user(), t, ui);
    }

    int run() throws IOException, InterruptedException {
        Installation inst = new Installation(s.data());
        String notice = null;
        Enrollment.Outcome access = null; // asked once, when the server answers
        while (true) {
            ui.say(t.get("launcher.checking", api.base()));
            ServerApi.ManifestAnswer answer = api.manifest();
            if (answer instanceof ServerApi.Maintenance m) {
                int wait = Math.min(Math.max(m.retryAfterSeconds(), 1), 300);
                ui.maintenance(t.get("launcher.maintenance", m.message().isBlank() ? "—" : m.message(), wait));
                Thread.sleep(wait * 1000L);
                continue;
            }
            Optional<String> installed = inst.current();
            if (access == null && !(answer instanceof ServerApi.Unreachable)) {
                access = enrollment.run();
                notice = access.notice();
            }
            if (answer instanceof ServerApi.Unreachable u) {
                if (installed.isEmpty()) {
                    ui.fatal(t.get("launcher.unreachableNothing", api.base(), u.reason()));
                    return EXIT_NOTHING_TO_START;
                }
                String text = t.get("launcher.unreachable", api.base(), u.reason(), installed.get());
                ui.say(text);
                notice = join(notice, text);
            } else if (answer instanceof ServerApi.NotInstalled) {
                if (installed.isEmpty()) {
                    ui.fatal(t.get("launcher.notInstalledNothing"));
                    return EXIT_NOTHING_TO_START;
                }
                String text = t.get("launcher.notInstalled", installed.get());
                ui.say(text);
                notice = join(notice, text);
            } else if (answer instanceof ServerApi.Current c) {
                NotUpdated why = update(inst, c.manifest(), installed);
                if (why != null) {
                    String v = c.manifest().version();
                    if (installed.isEmpty()) {
                        ui.fatal(t.get(why.refused() ? "launcher.refusedNothing" : "launcher.interruptedNothing", v, why.reason()));
                        return EXIT_NOTHING_TO_START;
                    }
                    String text = t.get(why.refused() ? "launcher.refused" : "launcher.interrupted", v, why.reason(), installed.get());
                    ui.say(text);
                    notice = join(notice, text);
                }
            }
            String version = inst.current().orElseThrow();
            ui.say(t.get("launcher.starting", version));
            ui.close();
            Optional<WorkstationToken> token = access != null ? access.token() : enrollment.stored();
            Started started = start(inst, version, notice, token);
            notice = null;
            if (started.ready()) {
                if (started.exit() == EXIT_RELOGIN) {
                    ui.say(t.get("launcher.relogin"));
                    continue;
                }
                return started.exit();
            }
            Optional<String> back = inst.previous();
            if (back.isEmpty()) {
                ui.fatal(t.get("launcher.failedNoPrevious", version, started.exit()) + started.why());
                return EXIT_START_FAILED;
            }
            notice = t.get("launcher.failedStart", version, started.exit(), back.get()) + started.why();
            ui.say(notice);
            inst.rollBack();
            String again = notice;
            ui.say(t.get("launcher.starting", back.get()));
            ui.close();
            Started second = start(inst, back.get(), again, token);
            if (!second.ready()) {
                ui.fatal(t.get("launcher.failedNoPrevious", back.get(), second.exit()) + second.why());
                return EXIT_START_FAILED;
            }
            if (second.exit() != EXIT_RELOGIN) {
                return second.exit();
            }
            notice = null;
            ui.say(t.get("launcher.relogin"));
        }
    }

    /**
     * Why the server's version was not installed: refused (it never will be), or interrupted (a
     * failed or stalled download; what came is kept and the next start resumes it).
     */
    private record NotUpdated(boolean refused, String reason) {
    }

    /** Installs the server's client if it is new; returns why it was not, or null. */
    private NotUpdated update(Installation inst, ClientManifest m, Optional<String> installed)
            throws IOException, InterruptedException {
        Version v;
        try {
            v = m.verify(s.releaseKeys());
        } catch (UpdateRefusedException e) {
            return new NotUpdated(true, e.text(t.english()));
        }
        String version = v.toString();
        if (installed.filter(version::equals).isPresent()) {
            ui.say(t.get("launcher.upToDate", version));
            return null;
        }
        if (installed.isPresent() && inst.failed().filter(version::equals).isPresent()) {
            ui.say(t.get("launcher.knownFailed", version, installed.get()));
            return null;
        }
        try {
            inst.install(m, api::download, ui);
        } catch (UpdateRefusedException e) {
            return new NotUpdated(true, e.text(t.english()));
        } catch (IOException e) {
            return new NotUpdated(false, t.reason(e));
        }
        ui.say(installed.isPresent() ? t.get("launcher.installedKept", version, installed.get())
                : t.get("launcher.installed", version));
        return null;
    }

    private static String join(String first, String second) {
        return first == null ? second : first + " · " + second;
    }

    /** How one start of the program ended: ready means it said so before exiting. */
    private record Started(boolean ready, int exit, String why) {
    }

    private Started start(Installation inst, String version, String notice, Optional<WorkstationToken> token)
            throws IOException, InterruptedException {
        Path dir = inst.versionDir(version);
        Path jar = dir.resolve(PROGRAM);
        if (!Files.isRegularFile(jar)) {
            return new Started(false, -1, ": " + t.get("launcher.noProgram", version, PROGRAM));
        }
        Path ready = inst.root().resolve("ready");
        Files.deleteIfExists(ready);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(s.javaOptions());
        cmd.addAll(List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
                "-jar", jar.toString(), "--server", s.server(), "--lang", t.lang(), "--user", s.user(),
                "--version", version, "--ready-file", ready.toString()));
        if (s.headless()) {
            cmd.add("--headless");
        }
        if (notice != null) {
            cmd.add("--notice");
            cmd.add(notice);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO();
        // The environment, not the command line (which other users can read), and a program of an
        // older release, which knows no such options, simply ignores it.
        Map<String, String> env = pb.environment();
        env.remove(LauncherMain.ENV_ENROLL_CODE);
        env.remove(WorkstationToken.ENV);
        token.ifPresent(k -> env.put(WorkstationToken.ENV, k.secret()));
        env.put(ServerAccess.Timeouts.ENV_CONNECT, s.timeouts().connect().toString());
        env.put(ServerAccess.Timeouts.ENV_READ, s.timeouts().read().toString());
        // the launcher's own proxy setting, as given (its password stays out of the command line)
        env.remove(ServerAccess.ENV_PROXY);
        if (!s.proxy().direct()) {
            env.put(ServerAccess.ENV_PROXY, s.proxy().settingValue());
        }
        Process p = pb.start();
        // A launcher stopped from outside (logout, kill, the demo's Ctrl-C) takes its program with it.
        Thread stopProgram = new Thread(p::destroy, "ksamu-launcher-stop-program");
        Runtime.getRuntime().addShutdownHook(stopProgram);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopProgram);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it stops the program
            }
        }
        return new Started(Files.exists(ready), exit, "");
    }
}
