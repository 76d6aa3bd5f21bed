package ru.ksamu.server.databases;

import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.server.time.Times;

/**
 * The journal of what a PostgreSQL lock revoked ({@code lock_grant}): recorded before the REVOKE,
 * read to grant exactly that back, removed once it is granted back. Keyed by the managed
 * database's name ({@code ksamu.databases.<name>}).
 */
@Component
class LockGrants {

    /** How PUBLIC is written in the journal and in SQL. */
    static final String PUBLIC = "PUBLIC";

    private final JdbcClient jdbc;
    private final Clock clock;

    LockGrants(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds these grantees to what the lock of {@code database} took (already recorded ones stay). */
    void record(String database, List<String> grantees) {
        List<String> known = taken(database);
        for (String g : grantees) {
            if (!known.contains(g)) {
                jdbc.sql("INSERT INTO lock_grant (database_name, grantee, recorded_at) VALUES (?, ?, ?)")
                        .params(database, g, Times.utc(clock.instant())).update();
            }
        }
    }

    /** What the lock of {@code database} took and has not been given back. */
    List<String> taken(String database) {
        return jdbc.sql("SELECT grantee FROM lock_grant WHERE database_name = ? ORDER BY grantee").param(database)
                .query(String.class).list();
    }

    /** The databases with something not given back. */
    List<String> databases() {
        return jdbc.sql("SELECT DISTINCT database_name FROM lock_grant ORDER BY database_name").query(String.class).list();
    }

    /** Given back: forgets it. */
    void givenBack(String database, String grantee) {
        jdbc.sql("DELETE FROM lock_grant WHERE database_name = ? AND grantee = ?").params(database, grantee).update();
    }
}
