package ru.ksamu.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ru.ksamu.plugin.PluginOption;
import ru.ksamu.plugin.PluginRun;
import ru.ksamu.plugin.TaskPlugin;

/**
 * The sample plug-in: "Отчёт о папке обмена" counts the files an exchange left in a folder and
 * their size, stopping at a safe point per file when the admin presses "Остановить".
 */
public class FolderReportTask implements TaskPlugin {

    @Override
    public String key() {
        return "SAMPLE_FOLDER_REPORT";
    }

    @Override
    public String titleRu() {
        return "Отчёт о папке обмена";
    }

    @Override
    public String titleEn() {
        return "Exchange folder report";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("folder", "Папка", PluginOption.Kind.FOLDER, true, null),
                new PluginOption("min-files", "Ошибка, если файлов меньше", PluginOption.Kind.NUMBER, false, "0"));
    }

    @Override
    public void run(PluginRun run) throws Exception {
        Path folder = Path.of(run.option("folder"));
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("Папка не найдена: " + folder);
        }
        run.step("Подсчёт файлов в " + folder);
        long files = 0;
        long bytes = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                run.checkpoint();
                if (Files.isRegularFile(p)) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        }
        run.info("Папка " + folder + ": файлов " + files + ", байт " + bytes);
        long min = Long.parseLong(run.option("min-files"));
        if (files < min) {
            throw new IllegalStateException("В папке " + folder + " файлов " + files + ", ожидалось не меньше " + min);
        }
        run.progress(100);
    }
}
