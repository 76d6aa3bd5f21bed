package ru.ksamu.server.tasks;

import java.util.Map;
import ru.ksamu.server.threads.WorkContext;

/**
 * What a task type gets when it runs: its task, its checked options and the thread manager's
 * context (stop flag, step, progress, run log).
 */
public record TaskRun(TaskDefinition task, Map<String, String> options, WorkContext work) {

    public String option(String key) {
        return options.get(key);
    }

    public long numberOption(String key) {
        return Long.parseLong(options.get(key));
    }

    public void info(String messageRu) {
        work.log(WorkContext.LogLevel.INFO, messageRu);
    }
}
