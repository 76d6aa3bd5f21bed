package ru.ksamu.server.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.plugin.PluginOption;
import ru.ksamu.plugin.TaskPlugin;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.tasks.TaskTypeSource;

/**
 * Task types from the jars in {@code <data>/plugins/} (issue 23, point 3): each jar gets its own
 * class loader that sees only the JDK and the plug-in API, and {@link ServiceLoader} finds its
 * {@link TaskPlugin}s. Anything wrong with a jar or a type (not a jar, no service file, a class
 * missing or throwing in its constructor, a bad or taken key) leaves that part out, is logged and
 * is listed on Главная; the server and the other plug-ins start.
 */
@Component
public class Plugins implements TaskTypeSource {

    static final String FOLDER = "plugins";
    static final String SERVICE_FILE = "META-INF/services/" + TaskPlugin.class.getName();
    /** As the built-in keys: LOG_TRIM, BACKUP. */
    static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,49}");
    /** A jar listing more providers than this is not a task-type plug-in. */
    static final int MAX_TYPES_PER_JAR = 100;
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private final Path folder;
    private final Clock clock;
    private final List<PluginProblem> problems = new ArrayList<>();
    private final List<PluginTaskType> loaded = new ArrayList<>();

    Plugins(DataFolder data, Clock clock) {
        this.folder = data.root().resolve(FOLDER);
        this.clock = clock;
    }

    /** Why jars or types were left out at start; empty when every plug-in loaded. */
    public synchronized List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    /** The folder the plug-ins are read from. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized List<TaskType> taskTypes(Set<String> takenKeys) {
        problems.clear();
        loaded.clear();
        if (!Files.isDirectory(folder)) {
            log.info("No plug-in folder {}: only the built-in task types", folder);
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problem(folder.getFileName().toString(), "папка модулей не читается: " + e.getMessage(),
                    "the plug-in folder cannot be read: " + e.getMessage());
            return List.of();
        }
        Set<String> taken = new HashSet<>(takenKeys);
        for (Path jar : jars) {
            load(jar, taken);
        }
        log.info("Plug-ins in {}: {} task type(s) loaded {}, {} problem(s)", folder, loaded.size(),
                loaded.stream().map(t -> t.key() + " (" + t.file + ")").toList(), problems.size());
        return List.copyOf(loaded);
    }

    private void load(Path jar, Set<String> taken) {
        String file = jar.getFileName().toString();
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry(SERVICE_FILE) == null) {
                problem(file, "в jar нет " + SERVICE_FILE + " — типов задач в нём нет",
                        "the jar has no " + SERVICE_FILE + ", so no task types");
                return;
            }
        } catch (IOException | SecurityException e) {
            problem(file, "файл не читается как jar (" + e.getMessage() + ")",
                    "the file cannot be read as a jar (" + e.getMessage() + ")");
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin-" + file, new URL[] {jar.toUri().toURL()},
                    new ApiOnlyClassLoader(TaskPlugin.class.getClassLoader()));
        } catch (IOException e) {
            problem(file, "файл не открывается: " + e.getMessage(), "the file cannot be opened: " + e.getMessage());
            return;
        }
        int before = loaded.size();
        Iterator<TaskPlugin> it = ServiceLoader.load(TaskPlugin.class, loader).iterator();
        for (int i = 0; i < MAX_TYPES_PER_JAR; i++) {
            TaskPlugin plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problem(file, "тип задачи не создан: " + describe(e), "a task type could not be created: " + describe(e));
                continue;
            }
            accept(plugin, loader, file, taken);
        }
        if (loaded.size() == before) {
            close(loader, file);
        }
    }

    /** Reads the type's metadata once (it may throw, too) and takes it if it is sound and its key is free. */
    private void accept(TaskPlugin plugin, ClassLoader loader, String file, Set<String> taken) {
        String cls = plugin.getClass().getName();
        String key;
        String titleRu;
        String titleEn;
        boolean exclusive;
        List<PluginOption> options;
        try {
            key = plugin.key();
            titleRu = plugin.titleRu();
            titleEn = plugin.titleEn();
            exclusive = plugin.exclusive();
            options = List.copyOf(plugin.options());
        } catch (RuntimeException | LinkageError e) {
            problem(file, cls + ": описание типа задачи не читается: " + describe(e),
                    cls + ": the task type's description cannot be read: " + describe(e));
            return;
        }
        if (key == null || !KEY.matcher(key).matches()) {
            problem(file, cls + ": ключ «" + key + "» недопустим (латинские заглавные буквы, цифры и _, 2–50 символов, сначала буква)",
                    cls + ": the key '" + key + "' is not allowed (A-Z, 0-9 and _, 2 to 50 characters, a letter first)");
        } else if (taken.contains(key)) {
            problem(file, cls + ": ключ «" + key + "» уже занят другим типом задачи; этот тип не загружен",
                    cls + ": the key '" + key + "' is taken by another task type; this one is left out");
        } else if (titleRu == null || titleRu.isBlank() || titleEn == null || titleEn.isBlank()) {
            problem(file, cls + ": у типа «" + key + "» нет названия на русском или английском",
                    cls + ": the type '" + key + "' lacks a Russian or English title");
        } else if (options.stream().map(PluginOption::key).distinct().count() != options.size()) {
            problem(file, cls + ": у типа «" + key + "» повторяются ключи опций",
                    cls + ": the type '" + key + "' repeats an option key");
        } else {
            taken.add(key);
            loaded.add(new PluginTaskType(plugin, key, titleRu.strip(), titleEn.strip(), exclusive, options, loader, clock, file));
        }
    }

    private void problem(String file, String reasonRu, String reasonEn) {
        log.warn("Plug-in {} in {} left out: {}", file, folder, reasonEn);
        problems.add(new PluginProblem(file, reasonRu, reasonEn));
    }

    private static void close(URLClassLoader loader, String file) {
        try {
            loader.close();
        } catch (IOException e) {
            log.warn("Cannot close the class loader of plug-in {}: {}", file, e.toString());
        }
    }

    /** The error and its causes on one line: the constructor's own message is usually the useful part. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 600; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(" ← ");
            }
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage().replaceAll("\\p{Cntrl}", " "));
            }
        }
        return b.toString();
    }
}
