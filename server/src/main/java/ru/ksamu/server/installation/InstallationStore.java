package ru.ksamu.server.installation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ru.ksamu.release.Version;
import ru.ksamu.release.signing.InstallationIdentity;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.server.time.Times;

/**
 * Reads and records the installation row of the service database. The row is made with the
 * installation's own Ed25519 key pair, and its id is the one derived from that key
 * ({@link InstallationIdentity#idOf}); a row from before keys gets one, and its new id, at the
 * next start ({@link #upgradedFrom()} says so once).
 */
@Component
public class InstallationStore {

    private static final Logger log = LoggerFactory.getLogger(InstallationStore.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile String upgradedFrom;

    InstallationStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The installation, created with a new key pair and the id it gives on the first call. */
    @Transactional
    public Installation get() {
        ensureKey();
        return read().orElseThrow();
    }

    /** This installation's key pair and id (made on the first call, as by {@link #get()}). */
    @Transactional
    public InstallationKey key() {
        return ensureKey();
    }

    /**
     * The random id this installation had before it got its key, when that happened since this
     * server started (for the one line that tells the admin); empty otherwise.
     */
    public Optional<String> upgradedFrom() {
        return Optional.ofNullable(upgradedFrom);
    }

    private InstallationKey ensureKey() {
        Optional<Stored> row = jdbc.sql("SELECT installation_id, signing_key, public_key FROM installation WHERE singleton = 1")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
        if (row.isPresent() && row.get().signingKey() != null && row.get().publicKey() != null) {
            SigningKey signing = SigningKey.parse(row.get().signingKey(), "installation.signing_key");
            TrustedKey pub = TrustedKey.parse(row.get().publicKey(), "installation.public_key");
            return new InstallationKey(UUID.fromString(row.get().id()), signing, pub);
        }
        SigningKeyPair pair = SigningKeyPair.generate();
        UUID id = InstallationIdentity.idOf(pair.trustedKey());
        if (row.isEmpty()) {
            jdbc.sql("INSERT INTO installation (singleton, installation_id, created_at, signing_key, public_key)"
                            + " VALUES (1, ?, ?, ?, ?)")
                    .params(id.toString(), Times.utc(clock.instant()), pair.signingKey().toText(), pair.trustedKey().toText())
                    .update();
            log.info("Installation {} created with its signing key {}", id, pair.trustedKey().keyId());
        } else {
            jdbc.sql("UPDATE installation SET installation_id = ?, signing_key = ?, public_key = ? WHERE singleton = 1")
                    .params(id.toString(), pair.signingKey().toText(), pair.trustedKey().toText()).update();
            upgradedFrom = row.get().id();
            log.warn("Installation {} had no signing key: made key {}, the installation id is now {} (derived from"
                    + " the key; the hub will see a new installation)", row.get().id(), pair.trustedKey().keyId(), id);
        }
        return new InstallationKey(id, pair.signingKey(), pair.trustedKey());
    }

    private record Stored(String id, String signingKey, String publicKey) {
    }

    /** Records the version now installed (after its files and scripts are in place). */
    @Transactional
    public void recordInstalled(Version version) {
        ensureKey();
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
