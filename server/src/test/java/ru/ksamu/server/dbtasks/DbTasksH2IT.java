package ru.ksamu.server.dbtasks;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import ru.ksamu.server.ServerOnH2;

@ContextConfiguration(initializers = ServerOnH2.class)
@TestPropertySource(properties = {"ksamu.databases.scratch.url=jdbc:h2:file:${ksamu.data-dir}/db/scratch",
        "ksamu.databases.scratch.user=sa", "ksamu.databases.scratch.password="})
class DbTasksH2IT extends DbTasksContract {
}
