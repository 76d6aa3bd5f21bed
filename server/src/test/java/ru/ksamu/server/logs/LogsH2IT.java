package ru.ksamu.server.logs;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnH2;

@ContextConfiguration(initializers = ServerOnH2.class)
class LogsH2IT extends LogsContract {
}
