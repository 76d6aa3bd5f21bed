package ru.ksamu.server.selfupdate;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class FutureMigrationsPostgresIT extends FutureMigrationsContract {

    @Override
    String[] freshServiceDatabase(Path dir) {
        return new String[] {Postgres.url(Postgres.createDatabase("future")), Postgres.user()};
    }
}
