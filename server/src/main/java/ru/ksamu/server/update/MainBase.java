package ru.ksamu.server.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;

/**
 * The main base's side of a major update: a real lock, a backup, and taking both back.
 * <ul>
 *   <li>H2: the server's connection switches the base to exclusive mode ({@code SET EXCLUSIVE 1}):
 *       no other connection can work on it until the update ends; backup and restore are H2's
 *       own {@code SCRIPT TO} / {@code RUNSCRIPT FROM} on that connection.</li>
 *   <li>PostgreSQL: PUBLIC and the MIS's roles ({@code ksamu.update.lock-roles}) lose CONNECT on
 *       the database and every other session on it is ended; the backup is {@code pg_dump} when
 *       it is installed, else the migration's own transaction is the safety net (the log says
 *       which). Unlocking grants CONNECT back.</li>
 * </ul>
 * The restore of a backup ({@code ru.ksamu.server.dbtasks}) locks any managed database the same
 * way, through the methods that take a {@link ManagedDatabase}.
 */
@Component
public class MainBase {

    private static final Logger log = LoggerFactory.getLogger(MainBase.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ManagedDatabases databases;
    private final UpdateSettings settings;
    private final Path backups;
    private final Clock clock;

    MainBase(ManagedDatabases databases, UpdateSettings settings, @Value("${ksamu.data-dir}") String dataDir, Clock clock) {
        this.databases = databases;
        this.settings = settings;
        this.backups = Path.of(dataDir).toAbsolutePath().normalize().resolve("backups");
        this.clock = clock;
    }

    DatabaseKind kind() {
        return endpoint().kind();
    }

    private DatabaseEndpoint endpoint() {
        return databases.main().endpoint();
    }

    /** A connection for the update's own work: no socket timeout, as a migration may take long. */
    Connection connect() throws SQLException {
        return connect(databases.main());
    }

    /** A connection to any managed database for long work (a backup, a restore): no socket timeout. */
    public Connection connect(ManagedDatabase db) throws SQLException {
        DatabaseEndpoint e = db.endpoint();
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password());
        if (e.kind() == DatabaseKind.POSTGRESQL) {
            p.setProperty("connectTimeout", "10");
        }
        return DriverManager.getConnection(e.url(), p);
    }

    /** Locks the base for everyone but {@code own}; returns a line for the run log. */
    String lock(Connection own) throws SQLException {
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
            for (String role : roles()) {
                s.execute("REVOKE CONNECT ON DATABASE " + quote(db) + " FROM " + role);
            }
            int ended = 0;
            try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    ended++;
                }
            }
            return "База PostgreSQL «" + db + "» заблокирована: право CONNECT отозвано у " + String.join(", ", roles())
                    + ", завершено сеансов: " + ended;
        }
    }

    /** H2: writes the committed migration to the file now (it would otherwise follow within half a second). */
    void flush(Connection own) throws SQLException {
        if (kind() == DatabaseKind.H2) {
            try (Statement s = own.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    /** Takes the lock back (harmless when there is none). */
    void unlock(Connection own) throws SQLException {
        unlock(databases.main(), own);
    }

    /** Takes a managed database's lock back (harmless when there is none). */
    public void unlock(ManagedDatabase base, Connection own) throws SQLException {
        try (Statement s = own.createStatement()) {
            if (base.kind() == DatabaseKind.H2) {
                s.execute("SET EXCLUSIVE 0");
                return;
            }
            String db = currentDatabase(own);
            for (String role : roles()) {
                s.execute("GRANT CONNECT ON DATABASE " + quote(db) + " TO " + role);
            }
        }
    }

    /**
     * On start: a lock a crash left behind on PostgreSQL is taken back (H2's ends with its
     * connection), on every managed database, since a restore may lock any of them.
     */
    void unlockLeftovers() {
        for (ManagedDatabase db : databases.all()) {
            if (db.kind() != DatabaseKind.POSTGRESQL) {
                continue;
            }
            try (Connection c = connect(db)) {
                unlock(db, c);
            } catch (SQLException e) {
                log.warn("Cannot make sure the database {} is unlocked: {}", db.name(), e.toString());
            }
        }
    }

    /**
     * Backs the base up before the migration. Returns the backup file, or null when there is none
     * (PostgreSQL without pg_dump, or backups switched off); {@code said} gets the log line.
     */
    Path backup(Connection own, String version, List<String> said) throws IOException, SQLException, InterruptedException {
        if (!settings.backup()) {
            said.add("Резервная копия отключена настройкой ksamu.update.backup; защита — транзакция миграции");
            return null;
        }
        Files.createDirectories(backups);
        String name = "main-before-" + version + "-" + STAMP.format(clock.instant());
        if (kind() == DatabaseKind.H2) {
            Path file = backups.resolve(name + ".sql");
            try (Statement s = own.createStatement()) {
                s.execute("SCRIPT TO '" + file.toString().replace("'", "''") + "'");
            }
            said.add("Резервная копия главной базы (H2): " + file + " (" + Files.size(file) + " байт)");
            return file;
        }
        Path file = backups.resolve(name + ".dump");
        if (!pgDumpAvailable()) {
            said.add("pg_dump не найден: резервная копия не сделана, защита — транзакция миграции (PostgreSQL откатывает её целиком)");
            return null;
        }
        DatabaseEndpoint e = endpoint();
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-f", file.toString(), "--dbname=" + libpqUrl(e.url(), e.user()));
        if (!e.password().isEmpty()) {
            pb.environment().put("PGPASSWORD", e.password());
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException("pg_dump завершился с ошибкой: " + out.strip());
        }
        said.add("Резервная копия главной базы (pg_dump): " + file + " (" + Files.size(file) + " байт)");
        return file;
    }

    /** H2 only: puts the base back exactly as the backup holds it. */
    void restoreH2(Connection own, Path backup) throws SQLException {
        try (Statement s = own.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("RUNSCRIPT FROM '" + backup.toString().replace("'", "''") + "'");
        }
    }

    private List<String> roles() {
        List<String> roles = new ArrayList<>();
        roles.add("PUBLIC");
        for (String r : settings.lockRoles()) {
            roles.add(quote(r));
        }
        return roles;
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

    private static boolean pgDumpAvailable() {
        try {
            Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
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
