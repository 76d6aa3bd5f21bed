package ru.ksamu.server.stats;

import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.tasks.TaskTypes;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.update.HubCallFailedException;

/**
 * Отправка статистики: posts {@link StatsReport} to the hub. Cloud-facing, so spread over its
 * period by the installation's offset; the run log shows exactly what was sent.
 */
@Component
class StatsTask implements TaskType {

    static final String KEY = "STATS";

    private final StatsSender sender;
    /** Lazily: the registry of task types holds this type too. */
    private final ObjectProvider<TaskTypes> types;

    StatsTask(StatsSender sender, ObjectProvider<TaskTypes> types) {
        this.sender = sender;
        this.types = types;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Отправка статистики";
    }

    @Override
    public String titleEn() {
        return "Statistics sending";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public boolean cloudOffset() {
        return true;
    }

    @Override
    public List<TaskOption> options() {
        return List.of();
    }

    /** Once a day, at this installation's own moment of the day. */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Отправка статистики", "01.01.2014 0:07:51", "MINUTES_15", List.of(), null, null,
                "ALL", null, true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        StatsReport report = sender.report();
        String json = sender.json(report);
        run.info("Отправляется статистика (без данных пациентов): "
                + report.describe(key -> types.getObject().find(key).map(TaskType::titleRu).orElse(key)));
        StatsSender.Sent sent;
        try {
            sent = sender.send(json);
        } catch (HubCallFailedException e) {
            throw new StatsNotSentException(e.getMessage() + "; статистика будет отправлена при следующем запуске");
        } catch (IOException e) {
            throw new StatsNotSentException("Облако недоступно: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + "; статистика будет отправлена при следующем запуске");
        }
        if (sent.status() == 200 || sent.status() == 201) {
            run.info("Статистика принята облаком (" + sent.url() + ", HTTP " + sent.status() + ")");
        } else if (sent.status() == 429) {
            run.work().log(WorkContext.LogLevel.WARN, "Облако уже получило отчёт этой установки недавно (HTTP 429); "
                    + "следующий будет отправлен по расписанию");
        } else {
            throw new StatsNotSentException("Облако отклонило статистику: HTTP " + sent.status() + " " + sent.body());
        }
    }
}
