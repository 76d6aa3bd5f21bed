package ru.ksamu.hub.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox to Telegram on one background thread that this bean owns: every
 * {@code poll-interval} and at once when {@link #wake()} is called after a publish. Rows go out
 * in order; the first failure ends a round (the next rows would meet the same trouble) and the
 * row is retried after an exponential backoff, or after Telegram's {@code retry_after} on a 429.
 * A row is marked sent only after Telegram took it: at-least-once, also across restarts.
 * Sending never blocks or fails a publish: publish only inserts a row.
 */
@Component
class TelegramSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    /** How long a claimed row stays reserved for one attempt (longer than the request timeout). */
    static final Duration LEASE = TelegramClient.REQUEST_TIMEOUT.plus(TelegramClient.CONNECT_TIMEOUT).multipliedBy(2);
    static final int BATCH = 20;

    private final Outbox outbox;
    private final TelegramSettings settings;
    private final TelegramClient client;
    private final Backoff backoff;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    TelegramSender(Outbox outbox, TelegramSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.client = new TelegramClient(settings);
        this.backoff = new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay());
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.warn("Telegram: токен бота не задан (ksamu.hub.telegram.bot-token), объявления о релизах записываются,"
                    + " но не отправляются / no bot token: release announcements are recorded but not sent");
            return;
        }
        log.info("Telegram announcements on: {}", settings);
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ksamu-telegram-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        long poll = settings.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::deliverDue, 0, poll, TimeUnit.MILLISECONDS);
    }

    /** Looks at the outbox now, without waiting for the next poll. */
    void wake() {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        try {
            current.execute(this::deliverDue);
        } catch (RejectedExecutionException e) {
            // Stopping: the rows stay in the outbox for the next start.
        }
    }

    /** One round: sends the due rows in order until one fails. */
    void deliverDue() {
        try {
            for (Outbox.Row row : outbox.due(clock.instant(), BATCH)) {
                if (Thread.currentThread().isInterrupted() || !deliver(row)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // Never let an exception cancel the periodic task (e.g. the database is briefly away).
            log.warn("Telegram outbox round failed: {}", e.toString());
        }
    }

    private boolean deliver(Outbox.Row row) {
        Instant now = clock.instant();
        if (!outbox.claim(row.id(), now, now.plus(LEASE))) {
            return true;
        }
        int attempts = row.attempts() + 1;
        TelegramClient.Outcome outcome = client.send(row.text());
        Instant done = clock.instant();
        if (outcome instanceof TelegramClient.Outcome.Failed failed) {
            Duration wait = failed.retryAfter().orElseGet(() -> backoff.after(attempts));
            outbox.markFailed(row.id(), attempts, done.plus(wait), failed.reason());
            log.warn("Telegram announcement {} (release {}) not sent, attempt {}: {}; next try in {}",
                    row.id(), row.version(), attempts, failed.reason(), wait);
            return false;
        }
        outbox.markSent(row.id(), attempts, done);
        log.info("Telegram announcement {} (release {}) sent after {} attempt(s)", row.id(), row.version(), attempts);
        return true;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(TelegramClient.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            current.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
