package ru.ksamu.e2e;

import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class SystemSmokePostgresIT extends SystemSmokeContract {
    @Override
    RunningSystem.Db db() {
        return RunningSystem.Db.POSTGRESQL;
    }
}
