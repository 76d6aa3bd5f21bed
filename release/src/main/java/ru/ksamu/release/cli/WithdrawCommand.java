package ru.ksamu.release.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import ru.ksamu.release.Version;

/** {@code withdraw}: takes a release out of every channel feed. */
@Command(name = "withdraw",
        description = {"Отозвать релиз: он исчезнет из лент всех каналов.",
                "Withdraw a release: it disappears from the feeds of every channel."})
final class WithdrawCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Parameters(index = "0", paramLabel = "V", description = "Версия релиза / the release's version")
    private Version version;

    @Mixin
    private HubOptions hub;

    @ParentCommand
    private ReleaseCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        hub.client(cli, spec).withdraw(version);
        spec.commandLine().getOut().println("Релиз " + version + " отозван / release " + version + " withdrawn");
        return 0;
    }
}
