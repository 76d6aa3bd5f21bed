package ru.ksamu.server.update;

import java.util.List;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;

/**
 * Обновление КСАМУ: brings the newest stable release from the cloud. Exclusive (an update never
 * runs beside other work) and spread over the period by the installation's offset. The scheduled
 * task only ever takes the stable channel; a test release comes only by hand
 * ({@link UpdateEngine#updateFromTest}).
 */
@Component
class UpdateTask implements TaskType {

    static final String KEY = "KSAMU_UPDATE";
    static final String IGNORE_REGIONS = "ignoreRegions";

    private final UpdateEngine engine;

    UpdateTask(UpdateEngine engine) {
        this.engine = engine;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Обновление КСАМУ";
    }

    @Override
    public String titleEn() {
        return "KSAMU update";
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public boolean cloudOffset() {
        return true;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(IGNORE_REGIONS, "Игнорировать обновление по регионам", TaskOption.Kind.FLAG,
                false, "false"));
    }

    /** The article's "Обновление КСАМУ из облака": every 30 minutes, not from 06:00 to 21:00. */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Обновление КСАМУ из облака", "01.01.2016 0:08:00", "MINUTES_30", List.of(),
                "06:00", "21:00", "ALL", null, true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        engine.update(Channel.STABLE, Boolean.parseBoolean(run.option(IGNORE_REGIONS)),
                "задание «" + run.task().name() + "»", run.work());
    }
}
