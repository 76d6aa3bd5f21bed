package ru.ksamu.server.update;

import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.web.ServerProblem;

/** A manual update was asked for while one runs or waits (409 {@code BUSY}); nothing is queued. */
public class UpdateBusyException extends ProblemException {

    UpdateBusyException() {
        super(ServerProblem.BUSY.problem("Обновление уже выполняется: дождитесь его окончания (вкладки «Менеджер потоков» и «Логи»)",
                "An update is already running: wait for it to end (tabs Thread manager and Logs)"));
    }
}
