package ru.ksamu.release.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ru.ksamu.release.bundle.Bundle;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/** {@code verify}: checks a bundle completely. */
@Command(name = "verify",
        description = {"Проверить пакет: подпись, состав, размеры и SHA-256 всех файлов.",
                "Verify a bundle: signature, contents, sizes and SHA-256 of every file."})
final class VerifyCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Пакет: .zip или папка / a .zip or a folder")
    private Path bundle;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Доверенный открытый ключ release.pub (можно несколько) / trusted public key (repeatable)")
    private List<Path> keys;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TrustedKeys trusted = TrustedKeys.of(keys.stream().map(TrustedKey::read).toList());
        try (Bundle opened = Bundles.open(bundle, trusted)) {
            PrintWriter printer = spec.commandLine().getOut();
            Summary.print(printer, opened.manifest(), opened.signature().keyId());
            printer.println("OK");
        }
        return 0;
    }
}
