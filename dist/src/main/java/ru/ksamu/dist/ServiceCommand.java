package ru.ksamu.dist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ksamu service install [server|hub] [--windows|--linux] [--out DIR] [--user NAME] [--home DIR]}:
 * writes the service definition of this installation, a systemd unit on Linux (into
 * {@code /etc/systemd/system}) or a WinSW XML on Windows (into {@code bin/}), and says what to do next.
 * {@code --home} describes another installation folder than this one (the packages use it at build time).
 */
final class ServiceCommand {

    private final Installation installation;
    private final Map<String, String> env;
    private final PrintStream out;

    ServiceCommand(Installation installation, Map<String, String> env, PrintStream out) {
        this.installation = installation;
        this.env = env;
        this.out = out;
    }

    int run(List<String> args) {
        if (args.isEmpty() || !"install".equals(args.get(0))) {
            throw new DistException(DistException.EXIT_USAGE, "ожидается «service install», получено \"" + String.join(" ", args) + "\"",
                    "expected \"service install\", got \"" + String.join(" ", args) + "\"");
        }
        String program = "server";
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Optional<Path> outDir = Optional.empty();
        Optional<String> user = Optional.empty();
        Installation target = installation;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "server", "hub" -> program = a;
                case "--windows" -> windows = true;
                case "--linux" -> windows = false;
                case "--out" -> outDir = Optional.of(Path.of(value(args, ++i, a)));
                case "--user" -> user = Optional.of(value(args, ++i, a));
                case "--home" -> target = Installation.of(Path.of(value(args, ++i, a)), env);
                default -> throw new DistException(DistException.EXIT_USAGE, "неизвестный параметр \"" + a + "\"", "unknown option \"" + a + "\"");
            }
        }
        Optional<Path> javaHome = Optional.ofNullable(env.get("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of);
        ServiceSpec spec = new ServiceSpec(program, target.home(), target.configDir(), target.dataDir(), user, javaHome);
        Path file = windows
                ? outDir.orElse(target.home().resolve("bin")).resolve(WinswService.fileName(spec))
                : outDir.orElse(Path.of("/etc/systemd/system")).resolve(SystemdUnit.fileName(spec));
        write(file, windows ? WinswService.text(spec, Path.of(System.getProperty("java.home"))) : SystemdUnit.text(spec));
        out.println("Записано / written: " + file);
        if (windows) {
            out.println("Дальше / next: положите WinSW рядом как " + spec.id() + ".exe, затем / put WinSW beside it as "
                    + spec.id() + ".exe, then: " + spec.id() + ".exe install && " + spec.id() + ".exe start");
        } else {
            out.println("Дальше / next: systemctl daemon-reload && systemctl enable --now " + spec.id());
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new DistException(DistException.EXIT_USAGE, "после " + option + " нужно значение", option + " needs a value");
        }
        return args.get(i);
    }

    private static void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // A unit is read by systemd and shown to any admin; it holds no secret.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DistException(DistException.EXIT_IO, "не удалось записать " + file + ": " + e.getMessage(),
                    "cannot write " + file + ": " + e.getMessage());
        }
    }
}
