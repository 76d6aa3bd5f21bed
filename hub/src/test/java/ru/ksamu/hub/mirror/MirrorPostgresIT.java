package ru.ksamu.hub.mirror;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.ksamu.testkit.Postgres;

@ExtendWith(Postgres.class)
class MirrorPostgresIT extends MirrorContract {

    @Override
    List<String> database(String name) {
        String db = Postgres.createDatabase("mirror_" + name);
        return List.of("--ksamu.hub-db.url=" + Postgres.url(db), "--ksamu.hub-db.user=" + Postgres.user(),
                "--ksamu.hub-db.password=");
    }
}
