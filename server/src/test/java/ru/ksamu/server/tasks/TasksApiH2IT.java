package ru.ksamu.server.tasks;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnH2;

@ContextConfiguration(initializers = ServerOnH2.class)
class TasksApiH2IT extends TasksApiContract {
}
