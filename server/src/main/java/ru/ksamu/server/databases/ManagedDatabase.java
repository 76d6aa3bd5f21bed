package ru.ksamu.server.databases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import ru.ksamu.platform.DatabaseEndpoint;
import ru.ksamu.platform.DatabaseKind;

/** One of the clinic's managed databases, as configured under {@code ksamu.databases.<name>}. */
public record ManagedDatabase(String name, String title, DatabaseEndpoint endpoint) {

    /** The required one: Главная база. */
    public static final String MAIN = "main";

    public DatabaseKind kind() {
        return endpoint.kind();
    }

    /** Whether the database answers now, and if not, why. */
    public Reachability probe(Duration timeout) {
        try (Connection c = endpoint.connect(timeout)) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()))
                    ? Reachability.UP
                    : new Reachability(false, "соединение не отвечает / connection not valid");
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new Reachability(false, msg);
        }
    }

    /** The outcome of a probe: reachable, or the first line of the error. */
    public record Reachability(boolean reachable, String error) {
        static final Reachability UP = new Reachability(true, "");
    }
}
