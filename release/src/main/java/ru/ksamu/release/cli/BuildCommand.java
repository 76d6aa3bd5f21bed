package ru.ksamu.release.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKey;

/** {@code build}: a signed bundle from a source folder. */
@Command(name = "build",
        description = {"Собрать подписанный пакет релиза из папки с scripts/, client/, server/.",
                "Build a signed release bundle from a folder holding scripts/, client/, server/."})
final class BuildCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "Исходная папка / source folder")
    private Path folder;

    @Option(names = "--version", required = true, paramLabel = "V",
            description = "Версия a.b.c.d, например 6.0.51.22966 / version a.b.c.d")
    private Version version;

    @Option(names = "--notes", required = true, paramLabel = "TEXT",
            description = "Описание релиза / release notes")
    private String notes;

    @Option(names = "--regions", split = ",", paramLabel = "CODES",
            description = "Коды регионов через запятую, например 09,10; без них — все регионы / "
                    + "region codes, comma-separated; none means all regions")
    private List<String> regions = new ArrayList<>();

    @Option(names = "--min-from", paramLabel = "V",
            description = "Самая старая версия, с которой можно обновиться / oldest version it can update from")
    private Version minFrom;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Закрытый ключ релизов release.key / the release private key")
    private Path key;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE",
            description = "Пакет: bundle.zip или папка (не должен существовать) / "
                    + "the bundle: a .zip or a folder (must not exist)")
    private Path out;

    @ParentCommand
    private ReleaseCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SigningKey signingKey = SigningKey.read(key);
        ReleaseInfo info = new ReleaseInfo(version, notes, regions,
                cli.clock().instant().truncatedTo(ChronoUnit.SECONDS), Optional.ofNullable(minFrom));
        ReleaseManifest manifest = Bundles.build(folder, out, info, signingKey);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("Пакет записан / bundle written: " + out);
        Summary.print(printer, manifest, signingKey.keyId());
        return 0;
    }
}
