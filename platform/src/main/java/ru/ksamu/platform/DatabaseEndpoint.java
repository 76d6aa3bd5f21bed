package ru.ksamu.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Where one database lives: its JDBC URL and credentials, and the setting key they came from so
 * that every error names it. Opens plain, unpooled connections with a bounded wait.
 */
public record DatabaseEndpoint(String key, String url, String user, String password) {

    public DatabaseEndpoint {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a database endpoint needs the key of its setting");
        }
        if (url == null || url.isBlank()) {
            throw new InvalidSettingException(key + ".url", String.valueOf(url), "адрес базы не задан", "the database URL is empty");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    public DatabaseKind kind() {
        return DatabaseKind.of(key + ".url", url);
    }

    /** The URL with any password parameter masked, fit for a page or a log line. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** Opens a connection, waiting at most {@code timeout} for PostgreSQL to answer. */
    public Connection connect(Duration timeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (kind() == DatabaseKind.POSTGRESQL) {
            String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            props.setProperty("socketTimeout", Long.toString(Math.max(5, timeout.toSeconds() * 2)));
        }
        return DriverManager.getConnection(url, props);
    }
}
