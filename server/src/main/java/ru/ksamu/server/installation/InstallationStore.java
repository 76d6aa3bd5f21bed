package ru.ksamu.server.installation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ru.ksamu.release.Version;
import ru.ksamu.server.Times;

/** Reads and records the installation row of the service database. */
@Component
public class InstallationStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    InstallationStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The installation, created with a new id on the first call. */
    @Transactional
    public Installation get() {
        Optional<Installation> row = read();
        if (row.isPresent()) {
            return row.get();
        }
        jdbc.sql("INSERT INTO installation (singleton, installation_id, created_at) VALUES (1, ?, ?)")
                .params(UUID.randomUUID().toString(), Times.utc(clock.instant()))
                .update();
        return read().orElseThrow();
    }

    /** Records the version now installed (after its files and scripts are in place). */
    @Transactional
    public void recordInstalled(Version version) {
        get();
        jdbc.sql("UPDATE installation SET installed_version = ? WHERE singleton = 1").param(version.toString()).update();
    }

    private Optional<Installation> read() {
        return jdbc.sql("SELECT installation_id, created_at, installed_version FROM installation WHERE singleton = 1")
                .query((rs, n) -> new Installation(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString(3)).map(Version::parse)))
                .optional();
    }
}
