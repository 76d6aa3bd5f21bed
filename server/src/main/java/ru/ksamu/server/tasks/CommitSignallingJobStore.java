package ru.ksamu.server.tasks;

import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.SchedulerSignaler;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's job store, plus one thing: a trigger stored inside a Spring transaction wakes Quartz's
 * scheduler thread again after the commit. Quartz signals its thread as soon as the trigger is
 * stored; inside our transaction the thread then looks for it before it is committed, finds
 * nothing and sleeps its idle time (about 30 s), so a trigger due within that time fired late.
 */
// Quartz's JobStoreCMT overrides the generic executeInLock with a raw one; the warning is about that inherited pair.
@SuppressWarnings("unchecked")
public class CommitSignallingJobStore extends LocalDataSourceJobStore {

    private volatile SchedulerSignaler signaler;

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        this.signaler = signaler;
        super.initialize(loadHelper, signaler);
    }

    @Override
    public void storeTrigger(OperableTrigger trigger, boolean replaceExisting) throws JobPersistenceException {
        super.storeTrigger(trigger, replaceExisting);
        signalAfterCommit(trigger);
    }

    @Override
    public void storeJobAndTrigger(JobDetail job, OperableTrigger trigger) throws JobPersistenceException {
        super.storeJobAndTrigger(job, trigger);
        signalAfterCommit(trigger);
    }

    private void signalAfterCommit(OperableTrigger trigger) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || trigger.getNextFireTime() == null) {
            return;
        }
        long when = trigger.getNextFireTime().getTime();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signaler.signalSchedulingChange(when);
            }
        });
    }
}
