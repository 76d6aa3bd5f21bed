package ru.ksamu.server.tasks;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's side of a task trigger: it only hands the firing to the engine. */
public class TaskFireJob implements Job {

    static final String TASK_ID = "taskId";

    private final TaskEngine engine;

    public TaskFireJob(TaskEngine engine) {
        this.engine = engine;
    }

    @Override
    public void execute(JobExecutionContext context) {
        engine.fired(Long.parseLong(context.getMergedJobDataMap().getString(TASK_ID)),
                context.getScheduledFireTime().toInstant());
    }
}
