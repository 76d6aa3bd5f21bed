package ru.ksamu.dist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one entry of an installed KSAMU distribution: {@code bin/ksamu} and {@code bin/ksamu.cmd}
 * only find Java and call this class, so Windows needs no bash. Each subcommand starts the right
 * jar of {@code lib/} in a child JVM (the server under its supervisor, as {@code ./ksamu server}
 * does in the source tree) and ends with the child's exit code; {@code service} writes a service
 * definition (systemd or WinSW).
 */
public final class Ksamu {

    /** The options every program's JVM gets, so Russian text prints the same on any console. */
    static final List<String> ENCODING = List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8");

    /** How long a stopped program may take to end; the supervisor itself gives the server 30 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(50);

    private final Installation installation;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    Ksamu(Installation installation, Map<String, String> env, PrintStream out, PrintStream err) {
        this.installation = installation;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        System.exit(new Ksamu(Installation.ofLauncher(env), env, out, err).run(args));
    }

    /** Runs one subcommand and returns the exit code; every failure is reported on {@code err}. */
    int run(String[] args) {
        String cmd = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            return switch (cmd) {
                case "server" -> !rest.isEmpty() && rest.get(0).equals("import")
                        ? new ImportCommand(installation, env, out).run(rest.subList(1, rest.size()))
                        : start(serverCommand(rest), Map.of(Installation.DATA_DIR_ENV, installation.dataDir().toString(),
                        "KSAMU_SERVER_JAVA_OPTS", env.getOrDefault("KSAMU_SERVER_JAVA_OPTS", env.getOrDefault("KSAMU_JAVA_OPTS", ""))));
                case "hub" -> start(program("ksamu-hub.jar", withConfig(rest)), Map.of(Installation.DATA_DIR_ENV, installation.dataDir().toString()));
                case "client" -> start(program("ksamu-client.jar", rest), Map.of());
                case "release" -> start(program("ksamu-release.jar", rest), Map.of());
                case "service" -> new ServiceCommand(installation, env, out).run(rest);
                case "help", "-h", "--help" -> {
                    out.print(usage());
                    yield 0;
                }
                default -> throw new DistException(DistException.EXIT_USAGE, "неизвестная команда \"" + cmd + "\"", "unknown command \"" + cmd + "\"");
            };
        } catch (DistException e) {
            err.println("ksamu: " + e.getMessage());
            if (e.exitCode() == DistException.EXIT_USAGE) {
                err.print(usage());
            }
            return e.exitCode();
        }
    }

    /**
     * The supervisor with this distribution's server jar as the seed of {@code versions/}; its JVM is
     * small, the server's gets {@code KSAMU_SERVER_JAVA_OPTS} (the supervisor reads it).
     */
    private List<String> serverCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx64m"));
        cmd.addAll(ENCODING);
        cmd.addAll(List.of("-jar", installation.jar("ksamu-supervisor.jar").toString(),
                "--bundled-jar=" + installation.jar("ksamu-server.jar")));
        cmd.addAll(withConfig(args));
        return cmd;
    }

    /** {@code java [encoding] [KSAMU_JAVA_OPTS] -jar lib/<jar> args}. */
    private List<String> program(String jar, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(ENCODING);
        String extra = env.getOrDefault("KSAMU_JAVA_OPTS", "").strip();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-jar", installation.jar(jar).toString()));
        cmd.addAll(args);
        return cmd;
    }

    /** The admin's settings file of the config folder comes last, so it wins over a release's own defaults. */
    private List<String> withConfig(List<String> args) {
        List<String> all = new ArrayList<>();
        all.add("--spring.config.additional-location=optional:file:" + installation.configDir() + "/");
        all.addAll(args);
        return all;
    }

    private int start(List<String> cmd, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().putAll(extraEnv);
        try {
            Process child = pb.start();
            // A stop of the launcher (kill, a service manager that ends only the first process) stops the
            // program too, as the supervisor does with its server; the program ends on its own terms.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "ksamu-launcher-stop"));
            return child.waitFor();
        } catch (IOException e) {
            throw new DistException(DistException.EXIT_MISSING, "не удалось запустить " + cmd.get(0) + ": " + e.getMessage(),
                    "cannot start " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void stop(Process child) {
        if (child.isAlive()) {
            child.destroy();
            try {
                child.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The JVM that runs this launcher also runs the programs. */
    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String usage() {
        return """
                Использование / usage: ksamu COMMAND [ARGS...]

                  server    сервер КСАМУ под супервизором (консоль http://127.0.0.1:8080/) / the clinic server, supervised
                  server import ФАЙЛ [--install] [--url URL] [--password P] [--timeout 60m]:
                            импорт подписанного пакета релиза в работающий сервер (пароль: KSAMU_ADMIN_PASSWORD)
                            / import a signed release bundle into the running server
                  hub       хаб (облако), порт 8090 / the vendor hub (the cloud)
                  client    клиент: --server URL [--release-key FILE] [--headless] [--lang en] / the workstation launcher
                  release   инструмент релизов: keygen, build, verify, publish, promote, withdraw / the release CLI
                  service   install [server|hub] [--windows|--linux] [--out DIR] [--user NAME] [--home DIR]:
                            описание службы systemd или WinSW / a systemd unit or a WinSW service definition
                  help      эта справка / this help

                Настройки: config/ksamu-server.yml (или KSAMU_CONFIG_DIR), данные: data/ (или KSAMU_DATA_DIR), см. УСТАНОВКА.md.
                Settings: config/ksamu-server.yml (or KSAMU_CONFIG_DIR), data: data/ (or KSAMU_DATA_DIR), see УСТАНОВКА.md.
                """;
    }
}
