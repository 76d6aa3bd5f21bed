package ru.ksamu.server.selfupdate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.supervisor.Supervisor;

/**
 * A restart asked of the supervisor. The task cannot end the server itself: closing the context
 * stops the thread manager, which would wait for the very unit that asked. So the task only
 * records the request and ends; the main thread, waiting in {@link #runUntilRestart}, lets that
 * unit finish, closes the context gracefully and exits with {@link Supervisor#RESTART_EXIT_CODE}.
 */
@Component
public class ServerRestart {

    private static final Logger log = LoggerFactory.getLogger(ServerRestart.class);
    /** Nothing asked a restart: the context closed for another reason. */
    private static final long NONE = -1;

    private final boolean supervised;
    private final ThreadManager threads;
    private final Clock clock;
    private final Duration unitGrace;
    private final CompletableFuture<Long> requested = new CompletableFuture<>();

    ServerRestart(@Value("${ksamu.supervised:false}") boolean supervised, ThreadManager threads, Clock clock,
                  @Value("${ksamu.threads.stop-timeout:30s}") Duration unitGrace) {
        this.supervised = supervised;
        this.threads = threads;
        this.clock = clock;
        this.unitGrace = unitGrace;
    }

    /** Whether a supervisor started this server and restarts it on {@link Supervisor#RESTART_EXIT_CODE}. */
    public boolean supervised() {
        return supervised;
    }

    /** Asks for a restart once the unit {@code runId} (the asking task) has ended. */
    void request(long runId) {
        if (!supervised) {
            throw new IllegalStateException("no supervisor restarts this server");
        }
        requested.complete(runId);
    }

    @EventListener(ContextClosedEvent.class)
    void closed() {
        requested.complete(NONE);
    }

    /**
     * For the main thread after start-up: waits until a restart is asked (then closes the server
     * gracefully and exits with the restart code) or the context closes (then returns).
     */
    public static void runUntilRestart(ConfigurableApplicationContext ctx) {
        ServerRestart restart = ctx.getBean(ServerRestart.class);
        long runId = restart.requested.join();
        if (runId == NONE) {
            return;
        }
        restart.awaitUnitEnd(runId);
        log.info("Restarting for the supervisor (exit code {})", Supervisor.RESTART_EXIT_CODE);
        ExitCodeGenerator restartCode = () -> Supervisor.RESTART_EXIT_CODE;
        System.exit(SpringApplication.exit(ctx, restartCode));
    }

    /** The asking unit ends right after the request; its end is recorded before the context closes. */
    private void awaitUnitEnd(long runId) {
        Instant deadline = clock.instant().plus(unitGrace);
        while (clock.instant().isBefore(deadline)
                && threads.get(runId).map(WorkSnapshot::state).filter(s -> !s.finished()).isPresent()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
