package ru.ksamu.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The PostgreSQL server the tests use (127.0.0.1:5432, trust auth, user {@code postgres}; override
 * with KSAMU_TEST_PG_HOST / _PORT / _USER). Each test class makes its own uniquely named database
 * and drops it when the JVM ends.
 *
 * <p>As a JUnit extension it guards a test class: with {@code CI=true} a missing server fails the
 * class; elsewhere the class is skipped with a loud message.
 */
public final class Postgres implements BeforeAllCallback {

    static final String HOST = env("KSAMU_TEST_PG_HOST", "127.0.0.1");
    static final String PORT = env("KSAMU_TEST_PG_PORT", "5432");
    static final String USER = env("KSAMU_TEST_PG_USER", "postgres");

    private static volatile Boolean available;

    @Override
    public void beforeAll(ExtensionContext context) {
        requireAvailable();
    }

    /** Fails (on CI) or aborts (elsewhere) when the PostgreSQL server cannot be reached. */
    public static void requireAvailable() {
        if (isAvailable()) {
            return;
        }
        String msg = "PostgreSQL at " + HOST + ":" + PORT + " (user " + USER + ") is not reachable";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(msg + "; with CI=true the PostgreSQL tests are mandatory. "
                    + "Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        System.err.println("\n!!!!!!!!!! SKIPPING POSTGRESQL TESTS: " + msg + " !!!!!!!!!!\n");
        throw new TestAbortedException(msg);
    }

    static synchronized boolean isAvailable() {
        if (available == null) {
            try (Connection c = admin()) {
                available = c.isValid(2);
            } catch (SQLException e) {
                available = false;
            }
        }
        return available;
    }

    /** Creates a fresh database named {@code ksamu_<prefix>_<random>}; it is dropped when the JVM ends. */
    public static String createDatabase(String prefix) {
        requireAvailable();
        String name = ("ksamu_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase();
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "drop-" + name));
        return name;
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String user() {
        return USER;
    }

    /** Drops a database, ending its sessions first. */
    public static void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /** Runs one statement on the maintenance database as the admin user. */
    public static void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url("postgres"), p);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
