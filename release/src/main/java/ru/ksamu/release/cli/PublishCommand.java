package ru.ksamu.release.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import ru.ksamu.release.Channel;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.ReleaseIoException;
import tools.jackson.databind.JsonNode;

/** {@code publish}: uploads a bundle zip to the hub. */
@Command(name = "publish",
        description = {"Загрузить пакет .zip на хаб в канал test или stable.",
                "Upload a .zip bundle to the hub into channel test or stable."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Пакет .zip / the .zip bundle")
    private Path bundle;

    @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
            description = "Канал: test или stable / channel: test or stable")
    private Channel channel;

    @Mixin
    private HubOptions hub;

    @ParentCommand
    private ReleaseCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(bundle) || !bundle.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new InvalidArgumentException(bundle.toString(),
                    "Публикуется только пакет .zip: " + bundle + " (соберите его с --out имя.zip)",
                    "only a .zip bundle can be published: " + bundle + " (build it with --out name.zip)");
        }
        HubClient client = hub.client(cli, spec);
        long size = size(bundle);
        UploadProgress progress = new UploadProgress(spec.commandLine().getErr(), size);
        JsonNode answer;
        try {
            answer = client.publish(bundle, size, channel, progress::add);
        } finally {
            progress.finish();
        }
        String version = answer.path("version").asString("?");
        spec.commandLine().getOut().println("Релиз " + version + " опубликован в канале " + channel
                + " / release " + version + " published to channel " + channel);
        return 0;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }
}
