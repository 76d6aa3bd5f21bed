package ru.ksamu.server.selfupdate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.supervisor.ServerFolder;
import ru.ksamu.supervisor.SwitchRecord;

/**
 * Tells the supervisor the server is ready ({@code running.json}: pid, port, version, written on
 * ApplicationReadyEvent and removed on close), and tells the admin in the run log what the last
 * switch of server versions did, once per switch.
 */
@Component
class ServerPresence {

    private static final Logger log = LoggerFactory.getLogger(ServerPresence.class);
    /** How long the report waits for the supervisor to finish checking this very start. */
    static final Duration CHECK_WAIT = Duration.ofMinutes(10);
    static final String REPORTED = "last-switch.reported";

    private final ServerFolder folder;
    private final ThreadManager threads;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();

    ServerPresence(ServerFolder folder, ThreadManager threads, Clock clock) {
        this.folder = folder;
        this.threads = threads;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", Integer.class, -1);
        String version = folder.current().orElse(null);
        folder.writeRunning(new ServerFolder.Running(pid, port, version));
        log.info("Ready: wrote {} (pid {}, port {}, version {})", folder.runningFile(), pid, port, version);
        Optional<SwitchRecord> last = folder.lastSwitch();
        if (last.isPresent() && !reported(last.get())) {
            threads.submit(WorkRequest.system("Итог обновления Сервера КСАМУ", this::report));
        }
    }

    @EventListener(ContextClosedEvent.class)
    void closed() {
        if (folder.running().filter(r -> r.pid() == pid).isPresent()) {
            folder.clearRunning();
        }
    }

    /** Waits while the supervisor still checks this start, then writes the outcome into the run log. */
    private void report(WorkContext work) throws Exception {
        Instant until = clock.instant().plus(CHECK_WAIT);
        Optional<SwitchRecord> read = folder.lastSwitch();
        while (read.isPresent() && read.get().outcome() == SwitchRecord.Outcome.CHECKING && clock.instant().isBefore(until)) {
            work.step("Супервизор проверяет версию " + read.get().to());
            Thread.sleep(500);
            work.checkpoint();
            read = folder.lastSwitch();
        }
        if (read.isEmpty()) {
            return; // gone or unreadable meanwhile (the folder logged why): nothing to report
        }
        SwitchRecord r = read.get();
        switch (r.outcome()) {
            case OK -> {
                work.log(WorkContext.LogLevel.INFO, "Сервер КСАМУ обновлён: версия " + r.from() + " → " + r.to());
                log.info("Last server switch: {} -> {} OK", r.from(), r.to());
            }
            case ROLLED_BACK -> {
                work.log(WorkContext.LogLevel.WARN, "Новая версия сервера " + r.to() + " не запустилась (" + r.reason()
                        + "); супервизор вернул версию " + r.from());
                log.warn("Last server switch: {} -> {} rolled back: {}", r.from(), r.to(), r.reason());
            }
            case CHECKING -> {
                work.log(WorkContext.LogLevel.WARN, "Проверка версии сервера " + r.to() + " супервизором не завершилась");
                return; // not a final outcome: a later start reports it
            }
        }
        markReported(r);
    }

    private boolean reported(SwitchRecord r) {
        try {
            Path marker = folder.root().resolve(REPORTED);
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(key(r));
        } catch (IOException e) {
            return false;
        }
    }

    private void markReported(SwitchRecord r) throws IOException {
        Files.writeString(folder.root().resolve(REPORTED), key(r) + "\n", StandardCharsets.UTF_8);
    }

    private static String key(SwitchRecord r) {
        return r.outcome() + " " + r.from() + " " + r.to() + " " + r.at();
    }
}
