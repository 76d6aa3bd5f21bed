package ru.ksamu.release.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/** {@code promote}: moves a published release into another channel. */
@Command(name = "promote",
        description = {"Перевести опубликованный релиз в другой канал (test → stable).",
                "Move a published release into another channel (test -> stable)."})
final class PromoteCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Parameters(index = "0", paramLabel = "V", description = "Версия релиза / the release's version")
    private Version version;

    @Option(names = "--to", required = true, paramLabel = "CHANNEL",
            description = "Канал назначения, обычно stable / target channel, usually stable")
    private Channel to;

    @Mixin
    private HubOptions hub;

    @ParentCommand
    private ReleaseCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        hub.client(cli, spec).promote(version, to);
        spec.commandLine().getOut().println("Релиз " + version + " переведён в канал " + to
                + " / release " + version + " promoted to channel " + to);
        return 0;
    }
}
