package ru.ksamu.client.launcher;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.ksamu.client.DurationConverter;
import ru.ksamu.client.HostName;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.net.InvalidProxyException;
import ru.ksamu.release.net.ProxySetting;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * {@code ./ksamu client}: the workstation launcher. Its help (description, options, exit codes) is
 * in both languages at once, from {@code ru/ksamu/client/launcher/usage.properties}: it is shown
 * before {@code --lang} is read.
 */
@Command(name = "ksamu client", mixinStandardHelpOptions = false, resourceBundle = "ru.ksamu.client.launcher.usage")
public final class LauncherMain implements Callable<Integer> {

    /** Where the launcher also finds the enrollment code (a script or a deployment tool sets it). */
    public static final String ENV_ENROLL_CODE = "KSAMU_ENROLL_CODE";

    @Option(names = "--server", required = true)
    String server;

    @Option(names = "--data", defaultValue = "${sys:user.home}/.ksamu-client")
    Path data;

    @Option(names = "--lang", defaultValue = "ru")
    String lang;

    @Option(names = "--headless")
    boolean headless;

    @Option(names = "--user", defaultValue = "${sys:user.name}")
    String user;

    @Option(names = "--release-key", paramLabel = "FILE|LINE")
    List<String> releaseKeys = new ArrayList<>();

    @Option(names = "--java-option", paramLabel = "OPTION")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--enroll-code", paramLabel = "CODE", defaultValue = "${env:" + ENV_ENROLL_CODE + "}")
    String enrollCode;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = ServerAccess.Timeouts.DEFAULT_CONNECT_TEXT)
    Duration connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = ServerAccess.Timeouts.DEFAULT_READ_TEXT)
    Duration readTimeout;

    /** The environment by default: a password on the command line is readable by every user of the machine. */
    @Option(names = ServerAccess.PROXY_OPTION, paramLabel = "URL", defaultValue = "${env:" + ServerAccess.ENV_PROXY + "}")
    String proxy;

    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LauncherMain()).setExitCodeExceptionMapper(e -> 1).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Texts texts = Texts.of(lang);
        TrustedKeys keys;
        try {
            keys = keys();
        } catch (ReleaseException | IllegalArgumentException e) {
            System.err.println("ksamu-client: --release-key: " + e.getMessage());
            return 2;
        }
        if (keys == null) {
            System.err.println("ksamu-client: " + Texts.bothLanguages("launcher.noReleaseKey", data.resolve("release.pub").toString()));
            return 2;
        }
        ServerAccess.Timeouts timeouts;
        try {
            timeouts = new ServerAccess.Timeouts(connectTimeout, readTimeout);
        } catch (IllegalArgumentException e) {
            System.err.println("ksamu-client: " + e.getMessage());
            return 2;
        }
        ProxySetting proxySetting;
        try {
            proxySetting = ProxySetting.parse(ServerAccess.PROXY_OPTION, proxy);
        } catch (InvalidProxyException e) {
            System.err.println("ksamu-client: " + e.getMessage());
            return 2;
        }
        ServerAccess.allowBasicForProxyTunnels(proxySetting);
        boolean noWindows = headless || GraphicsEnvironment.isHeadless();
        LauncherUi ui = noWindows ? new LauncherUi.Console(System.out, texts) : new SwingLauncherUi(texts);
        Launcher.Settings settings = new Launcher.Settings(server, data, keys, texts, noWindows, user, javaOptions, timeouts,
                Optional.ofNullable(enrollCode).filter(c -> !c.isBlank()), HostName.get(System.getenv()), proxySetting);
        int code = new Launcher(settings, ui).run();
        ui.close();
        return code;
    }

    private TrustedKeys keys() {
        List<String> given = new ArrayList<>(releaseKeys);
        if (given.isEmpty() && Files.isRegularFile(data.resolve("release.pub"))) {
            given.add(data.resolve("release.pub").toString());
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (String k : given) {
            Path p = Path.of(k.strip());
            keys.add(Files.isRegularFile(p) ? TrustedKey.read(p) : TrustedKey.parse(k.strip(), "--release-key"));
        }
        return keys.isEmpty() ? null : TrustedKeys.of(keys);
    }
}
