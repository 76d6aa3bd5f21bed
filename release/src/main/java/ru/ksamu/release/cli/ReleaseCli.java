package ru.ksamu.release.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;

/**
 * The {@code ksamu release} command: keygen, build, verify, publish, promote, withdraw. Exit
 * codes: 0 success, 1 usage error, then one per {@link ErrorCode.Family}, {@value #INTERNAL_ERROR}
 * for an unexpected failure.
 */
@Command(name = "ksamu release",
        description = {"Релизы КСАМУ: ключи, сборка, проверка и публикация пакетов.",
                "KSAMU releases: keys, building, verifying and publishing bundles."},
        subcommands = {KeygenCommand.class, BuildCommand.class, VerifyCommand.class, PublishCommand.class,
                PromoteCommand.class, WithdrawCommand.class})
public final class ReleaseCli implements Callable<Integer> {

    /** Environment variable holding the hub token when {@code --token} is not given. */
    public static final String TOKEN_ENV = "KSAMU_HUB_TOKEN";
    /** Exit code of a usage error (bad command line). */
    public static final int USAGE = 1;
    /** Exit code of an unexpected failure (a bug). */
    public static final int INTERNAL_ERROR = 9;

    private final Clock clock;
    private final Map<String, String> environment;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    /**
     * @param clock       the time source (the publication time of built bundles)
     * @param environment the process environment ({@value #TOKEN_ENV})
     */
    public ReleaseCli(Clock clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(new ReleaseCli(Clock.systemUTC(), System.getenv()).commandLine().execute(args));
    }

    /**
     * Runs one command line with the given output streams.
     *
     * @return the exit code
     */
    public int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    Clock clock() {
        return clock;
    }

    Optional<String> environment(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.registerConverter(Version.class, text -> convert(() -> Version.parse(text)));
        commandLine.registerConverter(Channel.class, text -> convert(() -> Channel.parse(text)));
        Map<String, String> exitCodes = exitCodes();
        for (CommandLine command : withSubcommands(commandLine)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nКоды выхода / exit codes:%n")
                    .exitCodeList(exitCodes);
        }
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("Ошибка в команде / usage error: " + e.getMessage());
            err.println("Справка / help: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ReleaseException refusal) {
                err.println(refusal.getMessage());
                return refusal.code().exitCode();
            }
            err.println("Внутренняя ошибка / internal error: " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        return commandLine;
    }

    private static List<CommandLine> withSubcommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        return all;
    }

    private static <T> T convert(Callable<T> parser) throws Exception {
        try {
            return parser.call();
        } catch (ReleaseException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "успех / success");
        codes.put(String.valueOf(USAGE), "ошибка в команде / usage error");
        for (ErrorCode.Family family : ErrorCode.Family.values()) {
            codes.put(String.valueOf(family.exitCode()), family.description());
        }
        codes.put(String.valueOf(INTERNAL_ERROR), "внутренняя ошибка / internal error");
        return codes;
    }
}
