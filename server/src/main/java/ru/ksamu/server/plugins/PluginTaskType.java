package ru.ksamu.server.plugins;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import ru.ksamu.plugin.PluginOption;
import ru.ksamu.plugin.PluginRun;
import ru.ksamu.plugin.TaskPlugin;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;

/** A plug-in's task type as the engine sees it; its metadata was read and checked once, at load. */
final class PluginTaskType implements TaskType {

    private final TaskPlugin plugin;
    private final String key;
    private final String titleRu;
    private final String titleEn;
    private final boolean exclusive;
    private final List<TaskOption> options;
    private final ClassLoader loader;
    private final Clock clock;
    final String file;

    PluginTaskType(TaskPlugin plugin, String key, String titleRu, String titleEn, boolean exclusive,
                   List<PluginOption> options, ClassLoader loader, Clock clock, String file) {
        this.plugin = plugin;
        this.key = key;
        this.titleRu = titleRu;
        this.titleEn = titleEn;
        this.exclusive = exclusive;
        this.options = options.stream().map(o -> new TaskOption(o.key(), o.labelRu(),
                TaskOption.Kind.valueOf(o.kind().name()), o.required(), o.defaultValue())).toList();
        this.loader = loader;
        this.clock = clock;
        this.file = file;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String titleRu() {
        return titleRu;
    }

    @Override
    public String titleEn() {
        return titleEn;
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    @Override
    public List<TaskOption> options() {
        return options;
    }

    /** Runs with the plug-in's class loader as the context loader (its libraries may look there). */
    @Override
    public void run(TaskRun run) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            plugin.run(new Run(run, clock.instant(), clock.getZone()));
        } finally {
            t.setContextClassLoader(old);
        }
    }

    /** The plug-in's view of one run. */
    private record Run(TaskRun run, Instant startedAt, ZoneId zone) implements PluginRun {

        @Override
        public String taskName() {
            return run.task().name();
        }

        @Override
        public Map<String, String> options() {
            return Map.copyOf(run.options());
        }

        @Override
        public void info(String messageRu) {
            run.work().log(WorkContext.LogLevel.INFO, String.valueOf(messageRu));
        }

        @Override
        public void warn(String messageRu) {
            run.work().log(WorkContext.LogLevel.WARN, String.valueOf(messageRu));
        }

        @Override
        public void step(String stepRu) {
            run.work().step(stepRu);
        }

        @Override
        public void progress(int percent) {
            run.work().progress(percent);
        }

        @Override
        public void checkpoint() {
            run.work().checkpoint();
        }

        @Override
        public boolean stopRequested() {
            return run.work().stopRequested();
        }
    }
}
