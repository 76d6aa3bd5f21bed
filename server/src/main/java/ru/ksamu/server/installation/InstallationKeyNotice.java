package ru.ksamu.server.installation;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;

/**
 * At start: the installation gets its key if it has none (before anything reports to the hub),
 * and when that changed its id, one line in a run log tells the admin (the console's run logs).
 */
@Component
class InstallationKeyNotice {

    private final InstallationStore store;
    private final ThreadManager threads;

    InstallationKeyNotice(InstallationStore store, ThreadManager threads) {
        this.store = store;
        this.threads = threads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        InstallationKey key = store.key();
        store.upgradedFrom().ifPresent(old -> threads.submit(WorkRequest.system("Ключ установки", work ->
                work.log(WorkContext.LogLevel.WARN, "У установки не было ключа подписи отчётов: создан ключ "
                        + key.publicKey().keyId() + ", идентификатор установки теперь " + key.id() + " (был " + old
                        + "); облако увидит её как новую установку"))));
    }
}
