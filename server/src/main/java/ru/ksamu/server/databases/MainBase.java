package ru.ksamu.server.databases;



import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.release.Durations;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.databases.PgTools;
import ru.ksamu.server.threads.WorkContext;

/**
 * The main base's side of a major update: a real lock, a backup, and taking both back.
 * <ul>
 *   <li>H2: the server's connection switches the base to exclusive mode ({@code SET EXCLUSIVE 1}):
 *       no other connection can work on it until the update ends; backup and restore are H2's
 *       own {@code SCRIPT TO} / {@code RUNSCRIPT FROM} on that connection.</li>
 *   <li>PostgreSQL: of PUBLIC and the MIS's roles ({@code ksamu.update.lock-roles}), those that
 *       have CONNECT on the database lose it, and every other session on it is ended. What was
 *       revoked is journalled first ({@link LockGrants}); unlocking, and the next start after a
 *       crash, grant exactly that back, so a CONNECT a DBA revoked on purpose stays revoked. The
 *       backup is {@code pg_dump} (found as {@link PgTools} finds it: {@code ksamu.backup.pg-bin},
 *       the PATH, {@code /usr/lib/postgresql}) when it is installed, else the migration's own
 *       transaction is the safety net (the log says which).</li>
 * </ul>
 * The restore of a backup ({@code ru.ksamu.server.dbtasks}) locks any managed database the same
 * way, through the methods that take a {@link ManagedDatabase}.
 */
@Component
public class MainBase {

    private static final Logger log = LoggerFactory.getLogger(MainBase.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** A pg_dump still running after this is ended and the update fails (the base is rolled back and unlocked). */
    static final Duration BACKUP_TIMEOUT = Duration.ofHours(2);
    /** Attempts to take a lock back, and the pause before the second (doubled before each next). */
    static final int UNLOCK_ATTEMPTS = 4;
    static final Duration UNLOCK_BACKOFF = Duration.ofMillis(250);

    private final ManagedDatabases databases;
    private final MainBaseSettings settings;
    private final LockGrants grants;
    private final PgTools pg;
    private final Path backups;
    private final Clock clock;

    MainBase(ManagedDatabases databases, MainBaseSettings settings, LockGrants grants, PgTools pg,
             DataFolder data, Clock clock) {
        this.databases = databases;
        this.settings = settings;
        this.grants = grants;
        this.pg = pg;
        this.backups = data.backups();
        this.clock = clock;
    }

    /** The main base, the one a major update locks. */
    public ManagedDatabase main() {
        return databases.main();
    }

    public DatabaseKind kind() {
        return endpoint().kind();
    }

    private DatabaseEndpoint endpoint() {
        return databases.main().endpoint();
    }

    /** A connection for the update's own work: no socket timeout, as a migration may take long. */
    public Connection connect() throws SQLException {
        return connect(databases.main());
    }

    /** A connection to any managed database for long work (a backup, a restore): no socket timeout. */
    public Connection connect(ManagedDatabase db) throws SQLException {
        DatabaseEndpoint e = db.endpoint();
        e.prepareEmbeddedFile();
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password());
        if (e.kind() == DatabaseKind.POSTGRESQL) {
            p.setProperty("connectTimeout", "10");
        }
        return DriverManager.getConnection(e.url(), p);
    }

    /** Locks the base for everyone but {@code own}; returns a line for the run log. */
    public String lock(Connection own) throws SQLException {
        return lock(databases.main(), own);
    }

    /** Locks a managed database for everyone but {@code own} (as a major update locks the main base). */
    public String lock(ManagedDatabase base, Connection own) throws SQLException {
        try (Statement s = own.createStatement()) {
            if (base.kind() == DatabaseKind.H2) {
                s.execute("SET EXCLUSIVE 1");
                return "База H2 переведена в монопольный режим: другие подключения не могут с ней работать";
            }
            String db = currentDatabase(own);
            List<String> had = connectGrantees(own);
            List<String> take = new ArrayList<>();
            if (had.contains(LockGrants.PUBLIC)) {
                take.add(LockGrants.PUBLIC);
            }
            for (String role : settings.lockRoles()) {
                if (had.contains(role) && !take.contains(role)) {
                    take.add(role);
                }
            }
            grants.record(base.name(), take); // before the REVOKE: a crash between them gives back only what was there
            for (String grantee : take) {
                s.execute("REVOKE CONNECT ON DATABASE " + quote(db) + " FROM " + sqlGrantee(grantee));
            }
            int ended = 0;
            try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    ended++;
                }
            }
            return "База PostgreSQL «" + db + "» заблокирована: право CONNECT отозвано у "
                    + (take.isEmpty() ? "никого (его нет ни у PUBLIC, ни у ролей ksamu.update.lock-roles)" : String.join(", ", take))
                    + ", завершено сеансов: " + ended;
        }
    }

    /** H2: writes the committed migration to the file now (it would otherwise follow within half a second). */
    public void flush(Connection own) throws SQLException {
        if (kind() == DatabaseKind.H2) {
            try (Statement s = own.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    /** Takes the main base's lock back, retrying ({@link #release(ManagedDatabase, Connection)}). */
    public List<SQLException> release(Connection own) throws SQLException {
        return release(databases.main(), own);
    }

    /**
     * Takes a lock back, trying up to {@value #UNLOCK_ATTEMPTS} times with a growing pause: first on
     * {@code own}, then (PostgreSQL) on a new connection, since {@code own} may be the thing that
     * failed; an H2 base whose own connection is gone is unlocked already (exclusive mode ends with
     * it). Returns the failures of the attempts before the one that worked (empty: the first did).
     * Throws the first failure, the later ones suppressed, only when every attempt failed;
     * PostgreSQL's journal then still holds the grants and the next start gives them back.
     */
    public List<SQLException> release(ManagedDatabase base, Connection own) throws SQLException {
        SQLException failure = null;
        List<SQLException> failed = new ArrayList<>();
        long pause = UNLOCK_BACKOFF.toMillis();
        for (int attempt = 1; attempt <= UNLOCK_ATTEMPTS; attempt++) {
            try {
                if (attempt == 1) {
                    unlock(base, own);
                } else if (base.kind() == DatabaseKind.H2) {
                    if (own.isClosed()) {
                        return failed; // H2's exclusive mode ended with the connection that held it
                    }
                    unlock(base, own);
                } else {
                    try (Connection fresh = connect(base)) {
                        unlock(base, fresh);
                    }
                }
                if (failure != null) {
                    log.info("Unlocked the database {} at attempt {} of {}", base.name(), attempt, UNLOCK_ATTEMPTS);
                }
                return failed;
            } catch (SQLException e) {
                failed.add(e);
                log.warn("Cannot unlock the database {} (attempt {} of {}): {}", base.name(), attempt, UNLOCK_ATTEMPTS, e.toString());
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
                if (attempt < UNLOCK_ATTEMPTS) {
                    pause(pause);
                    pause *= 2;
                }
            }
        }
        throw failure;
    }

    /**
     * Ends an operation done under a lock: takes the lock back ({@link #release(ManagedDatabase, Connection)})
     * and says in the run log how long the base was locked ({@code detail} adds to that line, e.g. the
     * migration's share). The unlock's own failure never hides the operation's {@code failure}: it is
     * added to it, and logged. Returns what the caller throws: {@code failure}, the unlock's failure
     * when the operation had none, or null when both went well. A lock that could not be taken back
     * is taken back at the next start ({@link #unlockLeftovers}).
     */
    public Exception unlockAfter(ManagedDatabase base, Connection own, Exception failure, long lockedAtNanos,
                                 String detail, WorkContext work) {
        try {
            for (SQLException retried : release(base, own)) {
                work.log(WorkContext.LogLevel.WARN, "Попытка снять блокировку «" + base.title() + "» не удалась: "
                        + firstLine(retried) + "; повтор");
                if (failure != null) {
                    failure.addSuppressed(retried);
                }
            }
            work.log(WorkContext.LogLevel.INFO, "Блокировка «" + base.title() + "» снята: база была заблокирована "
                    + Durations.lasted(Duration.ofNanos(System.nanoTime() - lockedAtNanos), true) + detail);
            return failure;
        } catch (SQLException unlockFailed) {
            log.error("Cannot unlock the database {}", base.name(), unlockFailed);
            work.log(WorkContext.LogLevel.ERROR, "Блокировку «" + base.title() + "» снять не удалось: " + firstLine(unlockFailed)
                    + "; она будет снята при следующем запуске сервера");
            if (failure == null) {
                return unlockFailed;
            }
            failure.addSuppressed(unlockFailed);
            return failure;
        }
    }

    /** The first line of an exception's message (its class when it has none), as the run log shows it. */
    public static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep trying: a lock must not stay because of a stop
        }
    }

    /** Takes a managed database's lock back once: what the journal says it took (harmless when there is none). */
    public void unlock(ManagedDatabase base, Connection own) throws SQLException {
        try (Statement s = own.createStatement()) {
            if (base.kind() == DatabaseKind.H2) {
                s.execute("SET EXCLUSIVE 0");
                return;
            }
            String db = currentDatabase(own);
            for (String grantee : grants.taken(base.name())) {
                s.execute("GRANT CONNECT ON DATABASE " + quote(db) + " TO " + sqlGrantee(grantee));
                grants.givenBack(base.name(), grantee);
            }
        }
    }

    /**
     * On start: a lock a crash left behind on PostgreSQL is taken back (H2's ends with its
     * connection), on every managed database, since a restore may lock any of them. Only what the
     * journal says a lock revoked is granted.
     */
    public void unlockLeftovers() {
        List<String> journalled = grants.databases();
        for (ManagedDatabase db : databases.all()) {
            if (db.kind() != DatabaseKind.POSTGRESQL || !journalled.contains(db.name())) {
                continue;
            }
            List<String> taken = grants.taken(db.name());
            try (Connection c = connect(db)) {
                unlock(db, c);
                log.info("The database {} was left locked by a stop of the server: CONNECT granted back to {}", db.name(), taken);
            } catch (SQLException e) {
                log.warn("Cannot unlock the database {} (CONNECT of {} to give back): {}", db.name(), taken, e.toString());
            }
        }
        for (String name : journalled) {
            if (databases.find(name).isEmpty()) {
                log.warn("The journal says a lock took CONNECT on the database {} that is no longer configured: {}",
                        name, grants.taken(name));
            }
        }
    }

    /**
     * Backs the base up under the lock ({@code ksamu.update.backup=under-lock}: the old way, kept as
     * the benchmark's reference, since its time grows with the base). Returns the backup file, or
     * null when there is none (PostgreSQL without pg_dump); {@code said} gets the log line.
     * The file is owner-only.
     */
    public Path backup(Connection own, String version, List<String> said, WorkContext work)
            throws IOException, SQLException, InterruptedException {
        OwnerOnly.folder(backups);
        String name = "main-before-" + version + "-" + STAMP.format(clock.instant());
        if (kind() == DatabaseKind.H2) {
            Path file = backups.resolve(name + ".sql");
            Files.deleteIfExists(file); // a retry within the same second
            OwnerOnly.newFile(file);
            try (Statement s = own.createStatement()) {
                s.execute("SCRIPT TO '" + file.toString().replace("'", "''") + "'");
            }
            OwnerOnly.file(file);
            said.add("Резервная копия главной базы (H2): " + file + " (" + Files.size(file) + " байт)");
            return file;
        }
        Optional<Path> pgDump = pg.locate("pg_dump");
        if (pgDump.isEmpty()) {
            said.add("pg_dump не найден (ksamu.backup.pg-bin, PATH, /usr/lib/postgresql/*/bin): резервная копия не сделана,"
                    + " защита — транзакция миграции (PostgreSQL откатывает её целиком)");
            return null;
        }
        Path file = backups.resolve(name + ".dump");
        Files.deleteIfExists(file);
        OwnerOnly.newFile(file);
        DatabaseEndpoint e = endpoint();
        try {
            pg.run(e, work, BACKUP_TIMEOUT, "pg_dump", "-Fc", "-f", file.toString(), "--dbname=" + PgTools.libpq(e));
        } catch (RuntimeException | IOException | InterruptedException failed) {
            Files.deleteIfExists(file);
            throw failed;
        }
        OwnerOnly.file(file);
        said.add("Резервная копия главной базы (" + pgDump.get() + "): " + file + " (" + Files.size(file) + " байт)");
        return file;
    }

    /** H2 only: puts the base back exactly as the backup holds it. */
    public void restoreH2(Connection own, Path backup) throws SQLException {
        try (Statement s = own.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("RUNSCRIPT FROM '" + backup.toString().replace("'", "''") + "'");
        }
    }

    /**
     * Who holds CONNECT on the connection's database by a grant of its own (PUBLIC, or a role
     * name); a database never granted on has the default: PUBLIC and the owner.
     */
    private static List<String> connectGrantees(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END FROM pg_database d"
                        + " CROSS JOIN LATERAL aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a"
                        + " LEFT JOIN pg_roles r ON r.oid = a.grantee"
                        + " WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String sqlGrantee(String grantee) {
        return LockGrants.PUBLIC.equals(grantee) ? "PUBLIC" : quote(grantee);
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** jdbc:postgresql://host:port/db?x → postgresql://user@host:port/db (what pg_dump reads). */
    public static String libpqUrl(String jdbcUrl, String user) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        return "postgresql://" + (user.isEmpty() ? "" : user + "@") + rest;
    }
}
