package db.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Quartz's JDBC job-store tables from the script Quartz ships for this database (H2 or
 * PostgreSQL), so the schema always matches the Quartz version on the class path. The script's
 * own DROP and COMMIT lines are left out: Flyway owns the transaction and the database is new.
 */
public class V5__quartz_tables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName().toLowerCase();
        String script = product.contains("postgres") ? "tables_postgres.sql" : "tables_h2.sql";
        try (Statement s = c.createStatement()) {
            for (String statement : statements(read("org/quartz/impl/jdbcjobstore/" + script))) {
                s.execute(statement);
            }
        }
    }

    static String read(String resource) throws IOException {
        try (InputStream in = V5__quartz_tables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Quartz's schema script " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits on ';' at line ends, dropping comments, DROP and COMMIT statements. */
    static Iterable<String> statements(String script) throws SQLException {
        StringBuilder clean = new StringBuilder();
        script.lines().map(String::strip)
                .filter(l -> !l.startsWith("--") && !l.startsWith("#") && !l.isEmpty())
                .forEach(l -> clean.append(l).append('\n'));
        List<String> out = new ArrayList<>();
        for (String part : clean.toString().split(";\\s*\n")) {
            String st = part.strip();
            if (st.endsWith(";")) {
                st = st.substring(0, st.length() - 1);
            }
            String upper = st.toUpperCase();
            if (st.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                continue;
            }
            out.add(st);
        }
        if (out.isEmpty()) {
            throw new SQLException("Quartz's schema script has no statements");
        }
        return out;
    }
}
