package ru.ksamu.server.exchange;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;

/**
 * Внешняя программа (issue 23, point 2): runs a program or script the clinic uses for one of its
 * exchanges (Figure 1's synchronisations, imports, registries), with the task's schedule, run log,
 * "Остановить" and exclusivity. Its output (stdout and stderr together) goes line by line into the
 * run log; exit code 0 is success; a timeout or a stop ends the whole process tree.
 *
 * <p>This runs any command as the server's own user, so only the admin may create or change such a
 * task (every change to tasks needs the admin role) — see docs/exchanges.md.
 */
@Component
class ExternalProgramTask implements TaskType {

    static final String KEY = "EXTERNAL_PROGRAM";
    static final String PROGRAM = "program";
    static final String ARGUMENTS = "arguments";
    static final String FOLDER = "folder";
    static final String CHARSET = "charset";
    static final String TIMEOUT = "timeout";
    /** How often the run looks at the program's output, its stop flag and its time limit. */
    static final long POLL_MILLIS = 200;

    private final ExchangeSettings settings;
    private final Path defaultFolder;

    ExternalProgramTask(ExchangeSettings settings, DataFolder data) {
        this.settings = settings;
        this.defaultFolder = data.root().resolve("exchange");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Внешняя программа";
    }

    @Override
    public String titleEn() {
        return "External program";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(PROGRAM, "Программа (путь или имя)", TaskOption.Kind.TEXT, true, null),
                new TaskOption(ARGUMENTS, "Аргументы", TaskOption.Kind.TEXT, false, null),
                new TaskOption(FOLDER, "Рабочая папка (пусто — <data>/exchange)", TaskOption.Kind.FOLDER, false, null),
                new TaskOption(CHARSET, "Кодировка вывода", TaskOption.Kind.TEXT, false, "UTF-8"),
                new TaskOption(TIMEOUT, "Предельное время, с (0 — без предела)", TaskOption.Kind.NUMBER, false, "3600"));
    }

    @Override
    public List<FieldError> checkOptions(Map<String, String> options) {
        List<FieldError> errors = new ArrayList<>();
        String charset = options.get(CHARSET);
        if (!Charset.isSupported(charset)) {
            errors.add(new FieldError("options." + CHARSET, "Кодировка «" + charset + "» неизвестна (например: UTF-8, CP866, windows-1251)",
                    "Unknown charset '" + charset + "' (e.g. UTF-8, CP866, windows-1251)"));
        }
        try {
            CommandLine.split(options.get(ARGUMENTS));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("options." + ARGUMENTS, "«Аргументы»: " + e.getMessage(),
                    "Option 'arguments': a quote is not closed"));
        }
        return errors;
    }

    @Override
    public void run(TaskRun run) throws Exception {
        String program = run.option(PROGRAM);
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(CommandLine.split(run.option(ARGUMENTS)));
        Path folder = workFolder(run.option(FOLDER));
        Charset charset = Charset.forName(run.option(CHARSET));
        long timeoutSeconds = run.numberOption(TIMEOUT);
        WorkContext work = run.work();

        Path output = Files.createTempFile(defaultFolder, "program-" + work.id() + "-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            run.info("Запуск: " + String.join(" ", command) + " (папка " + folder + ", кодировка " + charset.name()
                    + (timeoutSeconds > 0 ? ", предел " + timeoutSeconds + " с" : ", без предела времени") + ")");
            work.step("Выполняется " + program);
            Process process = start(pb, program);
            process.getOutputStream().close(); // no input: a program that asks for some gets end-of-file
            watch(run, process, output, charset, timeoutSeconds);
            int code = process.exitValue();
            if (code != 0) {
                throw new ExchangeFailedException("Программа " + program + " завершилась с кодом " + code
                        + " (ошибка); следующий запуск — по расписанию");
            }
            run.info("Программа " + program + " завершилась успешно (код 0)");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The given folder, which must exist; else {@code <data>/exchange}, created when missing. */
    private Path workFolder(String option) throws IOException {
        Files.createDirectories(defaultFolder);
        if (option == null || option.isBlank()) {
            return defaultFolder;
        }
        Path folder = Path.of(option);
        if (!Files.isDirectory(folder)) {
            throw new ExchangeFailedException("Рабочая папка не найдена: " + folder);
        }
        return folder;
    }

    private static Process start(ProcessBuilder pb, String program) {
        try {
            return pb.start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            // "error=2" is ENOENT on Linux and ERROR_FILE_NOT_FOUND on Windows alike.
            if (msg.contains("error=2,") || msg.contains("error=3,")) {
                throw new ExchangeFailedException("Программа не найдена: " + program, e);
            }
            if (msg.contains("error=13,")) {
                throw new ExchangeFailedException("Программа не запускается (нет прав на запуск): " + program, e);
            }
            throw new ExchangeFailedException("Программа " + program + " не запускается: " + msg, e);
        }
    }

    /**
     * Follows the program until it ends: its output into the run log, the stop flag, the time limit.
     * Whatever way this ends (stop, timeout, an error, the server shutting down), nothing the program
     * started is left running.
     */
    private void watch(TaskRun run, Process process, Path output, Charset charset, long timeoutSeconds) throws Exception {
        WorkContext work = run.work();
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        int[] lines = {0};
        // A time limit is a duration, so it is measured on the monotonic clock, not the wall clock.
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        try (OutputLines out = new OutputLines(output, charset, line -> logLine(work, line, lines))) {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(seen::add);
                out.pump();
                if (work.stopRequested()) {
                    run.info("Остановка: программа " + run.option(PROGRAM) + " и запущенные ею процессы завершаются");
                    endTree(run, process, seen);
                    out.finish();
                    work.checkpoint();
                }
                if (System.nanoTime() - deadline > 0) {
                    endTree(run, process, seen);
                    out.finish();
                    throw new ExchangeFailedException("Программа " + run.option(PROGRAM) + " не завершилась за "
                            + timeoutSeconds + " с и остановлена вместе с запущенными ею процессами");
                }
            }
            out.finish();
        } finally {
            if (process.isAlive()) {
                endTree(run, process, seen);
            }
            List<ProcessHandle> leftovers = seen.stream().filter(ProcessHandle::isAlive).toList();
            if (!leftovers.isEmpty()) {
                work.log(WorkContext.LogLevel.WARN, "Программа оставила работающие процессы (" + pids(leftovers)
                        + "); они завершаются");
                report(work, ProcessTree.endAll(leftovers, settings.killGrace()));
            }
        }
        if (lines[0] > settings.maxLogLines()) {
            work.log(WorkContext.LogLevel.WARN, "Вывод программы: " + lines[0] + " строк, в лог записаны первые "
                    + settings.maxLogLines());
        }
    }

    private void endTree(TaskRun run, Process process, Set<ProcessHandle> seen) throws InterruptedException {
        report(run.work(), ProcessTree.end(process.toHandle(), seen, settings.killGrace()));
    }

    private static void report(WorkContext work, List<ProcessHandle> alive) {
        if (!alive.isEmpty()) {
            work.log(WorkContext.LogLevel.ERROR, "Не удалось завершить процессы " + pids(alive)
                    + ": завершите их вручную");
        }
    }

    private void logLine(WorkContext work, String line, int[] count) {
        if (++count[0] <= settings.maxLogLines()) {
            work.log(WorkContext.LogLevel.INFO, "> " + line);
        }
    }

    private static String pids(List<ProcessHandle> processes) {
        return String.join(", ", processes.stream().map(p -> "PID " + p.pid()).toList());
    }
}
