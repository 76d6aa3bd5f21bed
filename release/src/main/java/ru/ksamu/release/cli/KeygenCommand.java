package ru.ksamu.release.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import ru.ksamu.release.signing.SigningKeyPair;

/** {@code keygen}: a new Ed25519 key pair in two files. */
@Command(name = "keygen",
        description = {"Создать пару ключей Ed25519: NAME.key (секретный) и NAME.pub.",
                "Generate an Ed25519 key pair: NAME.key (secret) and NAME.pub."})
final class KeygenCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Справка / show this help")
    private boolean help;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Папка для ключей / folder for the key files")
    private Path out;

    @Option(names = "--name", defaultValue = "release", paramLabel = "NAME",
            description = "Имя ключа: release (ключ релизов) или hub (ключ хаба) / key name: release or hub "
                    + "(default: ${DEFAULT-VALUE})")
    private String name;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        SigningKeyPair pair = SigningKeyPair.generate();
        Path privateFile = pair.writeTo(out, name);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("Ключ создан / key created: " + pair.trustedKey().keyId());
        printer.println("Закрытый ключ, храните в секрете / private key, keep it secret: " + privateFile);
        printer.println("Открытый ключ / public key: " + privateFile.resolveSibling(name + SigningKeyPair.PUBLIC_SUFFIX));
        return 0;
    }
}
