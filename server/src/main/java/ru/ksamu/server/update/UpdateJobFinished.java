package ru.ksamu.server.update;

/**
 * Published by the update journal inside the transaction that ends a job (any end: done, failed,
 * cancelled, needs major): a {@code BEFORE_COMMIT} listener writes in that same transaction, so
 * what it writes exists exactly when the job is finished (the update reports' outbox, issue 22).
 *
 * @param jobId the job's id in {@code update_job}
 */
public record UpdateJobFinished(long jobId) {
}
