package ru.ksamu.server.databases;


import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.threads.WorkContext;

/**
 * PostgreSQL's client programs ({@code pg_dump}, {@code pg_restore}, {@code psql}): found in
 * {@code ksamu.backup.pg-bin}, on the PATH, or in the newest {@code /usr/lib/postgresql/<n>/bin},
 * and run as child processes that a stop of the task ends (outside critical steps). Their output
 * goes to temporary files (never a pipe a full buffer could stall) and is read as UTF-8. Public for
 * the major update's backup ({@code MainBase}), which uses the same programs.
 */
@Component
public class PgTools {

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private final BackupSettings settings;

    PgTools(BackupSettings settings) {
        this.settings = settings;
    }

    /** The program's path, or a failure naming where it was looked for. */
    public Path find(String program) {
        return locate(program).orElseThrow(() -> new DbTaskFailedException("Программа " + program
                + " не найдена (ksamu.backup.pg-bin, PATH, /usr/lib/postgresql/*/bin): установите клиент PostgreSQL"
                + " или укажите папку в ksamu.backup.pg-bin"));
    }

    /** The program's path, if it is found (in {@code ksamu.backup.pg-bin} only, when that is set). */
    public Optional<Path> locate(String program) {
        if (!settings.pgBin().isEmpty()) {
            return executable(Path.of(settings.pgBin()).resolve(program));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Optional<Path> p = dir.isEmpty() ? Optional.empty() : executable(Path.of(dir).resolve(program));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        if (Files.isDirectory(DEBIAN)) {
            try (Stream<Path> versions = Files.list(DEBIAN)) {
                return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString())).reversed())
                        .map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** The libpq address of a database (what pg_dump, pg_restore and psql read), without the password. */
    public static String libpq(DatabaseEndpoint e) {
        return MainBase.libpqUrl(e.url(), e.user());
    }

    /**
     * Runs {@code program args...} with the endpoint's password (null: a program that reads only
     * files); returns its standard output.
     * Fails with the program's own error text; a stop of the unit ends the process.
     */
    public String run(DatabaseEndpoint e, WorkContext work, String program, String... args) throws IOException, InterruptedException {
        return run(e, work, null, program, args);
    }

    /**
     * As {@link #run(DatabaseEndpoint, WorkContext, String, String...)}, and a program still running
     * after {@code timeout} (null: none) is ended and reported as failed.
     */
    public String run(DatabaseEndpoint e, WorkContext work, Duration timeout, String program, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(find(program).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("ksamu-" + program, ".out");
        Path err = Files.createTempFile("ksamu-" + program, ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (e != null && !e.password().isEmpty()) {
                pb.environment().put("PGPASSWORD", e.password());
            }
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            long started = System.nanoTime();
            try {
                while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    work.checkpoint();
                    if (timeout != null && System.nanoTime() - started > timeout.toNanos()) {
                        throw new DbTaskFailedException(program + " не завершился за " + timeout.toMinutes()
                                + " мин и остановлен");
                    }
                }
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (p.exitValue() != 0) {
                String text = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new DbTaskFailedException(program + " завершился с кодом " + p.exitValue() + ": "
                        + (text.length() > 2000 ? text.substring(0, 2000) + "…" : text));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
