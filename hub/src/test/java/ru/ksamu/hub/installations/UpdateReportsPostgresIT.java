package ru.ksamu.hub.installations;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnPostgres;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
@ContextConfiguration(initializers = HubOnPostgres.class)
class UpdateReportsPostgresIT extends UpdateReportsContract {
}
