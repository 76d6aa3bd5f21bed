package ru.ksamu.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
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

    /** H2, PostgreSQL, or (a managed database only) Firebird / RedDatabase. */
    public DatabaseKind kind() {
        return DatabaseKind.ofManaged(key + ".url", url);
    }

    /** The URL with any password parameter masked, fit for a page or a log line. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** Opens a connection, waiting at most {@code timeout} for PostgreSQL to answer. */
    public Connection connect(Duration timeout) throws SQLException {
        prepareEmbeddedFile();
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (kind() == DatabaseKind.POSTGRESQL) {
            String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            props.setProperty("socketTimeout", Long.toString(Math.max(5, timeout.toSeconds() * 2)));
        } else if (kind() == DatabaseKind.FIREBIRD) {
            // Jaybird: connectTimeout in seconds, soTimeout (every read) in milliseconds.
            props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            props.setProperty("soTimeout", Long.toString(Math.max(5_000, timeout.toMillis() * 2)));
        }
        return DriverManager.getConnection(url, props);
    }

    /**
     * The file of an embedded H2 database ({@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>}):
     * {@code <path>.mv.db}; empty for PostgreSQL, in-memory and server-mode URLs.
     */
    public Optional<Path> embeddedFile() {
        if (kind() != DatabaseKind.H2) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        rest = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio... : nothing of ours on disk
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isBlank() ? Optional.empty() : Optional.of(Path.of(rest + ".mv.db").toAbsolutePath().normalize());
    }

    /**
     * Before H2 makes a new database file: creates it empty and owner-only, in an owner-only folder
     * (H2 takes an empty file as a new database and keeps its permissions; left to itself it would
     * create the file with the process's umask, usually 644). Harmless when the file exists.
     */
    public void prepareEmbeddedFile() {
        Optional<Path> file = embeddedFile();
        if (file.isEmpty() || Files.exists(file.get()) || url.toUpperCase(Locale.ROOT).contains("IFEXISTS=TRUE")) {
            return; // IFEXISTS: the URL asks H2 to refuse a database that is not there; an empty file would be one
        }
        try {
            OwnerOnly.folder(file.get().getParent());
            OwnerOnly.newFile(file.get());
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by H2 or another start: it stands
        } catch (IOException e) {
            // H2 will try itself and report what is wrong, naming the file
        }
    }
}
