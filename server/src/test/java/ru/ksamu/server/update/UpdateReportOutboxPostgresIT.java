package ru.ksamu.server.update;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnPostgres;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
@ContextConfiguration(initializers = {ServerOnPostgres.class, UpdateReportOutboxContract.HubAddress.class})
class UpdateReportOutboxPostgresIT extends UpdateReportOutboxContract {
}
