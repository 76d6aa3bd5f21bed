package ru.ksamu.server.dbtasks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.server.threads.WorkContext;

/**
 * The integrity checks of "Валидация БД", read-only, on one connection:
 * <ul>
 *   <li>every foreign key: rows whose key has no parent (possible when checks were switched off:
 *       H2's {@code SET REFERENTIAL_INTEGRITY FALSE}, PostgreSQL's {@code session_replication_role},
 *       {@code NOT VALID} constraints), one query per key built from {@code INFORMATION_SCHEMA};</li>
 *   <li>every check constraint: rows that break it (H2's {@code NOCHECK}, PostgreSQL's {@code NOT VALID});</li>
 *   <li>PostgreSQL: every B-tree index of the user schemas with amcheck's {@code bt_index_check}
 *       when the extension is installed or can be created; the log says when it cannot.</li>
 * </ul>
 * Each fault found is one Russian line; the caller logs them and fails the run.
 */
final class DbChecks {

    private final Connection c;
    private final DatabaseKind kind;
    private final WorkContext work;
    private final List<String> faults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    DbChecks(Connection c, DatabaseKind kind, WorkContext work) {
        this.c = c;
        this.kind = kind;
        this.work = work;
    }

    List<String> faults() {
        return faults;
    }

    /** What was checked and what could not be, for the log. */
    List<String> notes() {
        return notes;
    }

    void run() throws SQLException {
        work.step("Проверка внешних ключей");
        foreignKeys();
        work.progress(40);
        work.step("Проверка ограничений CHECK");
        checkConstraints();
        work.progress(70);
        if (kind == DatabaseKind.POSTGRESQL) {
            work.step("Проверка индексов (amcheck)");
            btreeIndexes();
        }
        work.progress(100);
    }

    /** One foreign key: child table and columns, parent table and columns, in order. */
    private record ForeignKey(String name, String table, List<String> columns, String parent, List<String> parentColumns) {
    }

    private void foreignKeys() throws SQLException {
        Map<String, ForeignKey> keys = new LinkedHashMap<>();
        String q = "SELECT rc.CONSTRAINT_SCHEMA, rc.CONSTRAINT_NAME, k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME,"
                + " p.TABLE_SCHEMA, p.TABLE_NAME, p.COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                + "   AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE p ON p.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
                + "   AND p.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND p.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT"
                + " ORDER BY rc.CONSTRAINT_SCHEMA, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            while (rs.next()) {
                String id = rs.getString(1) + "." + rs.getString(2) + "@" + rs.getString(3) + "." + rs.getString(4);
                ForeignKey fk = keys.computeIfAbsent(id, k -> {
                    try {
                        return new ForeignKey(rs.getString(2), name(rs.getString(3), rs.getString(4)), new ArrayList<>(),
                                name(rs.getString(6), rs.getString(7)), new ArrayList<>());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                fk.columns().add(quote(rs.getString(5)));
                fk.parentColumns().add(quote(rs.getString(8)));
            }
        }
        for (ForeignKey fk : keys.values()) {
            work.checkpoint();
            StringBuilder notNull = new StringBuilder();
            StringBuilder join = new StringBuilder();
            for (int i = 0; i < fk.columns().size(); i++) {
                notNull.append(i > 0 ? " AND " : "").append("c.").append(fk.columns().get(i)).append(" IS NOT NULL");
                join.append(i > 0 ? " AND " : "").append("p.").append(fk.parentColumns().get(i)).append(" = c.")
                        .append(fk.columns().get(i));
            }
            long orphans = count("SELECT COUNT(*) FROM " + fk.table() + " c WHERE " + notNull
                    + " AND NOT EXISTS (SELECT 1 FROM " + fk.parent() + " p WHERE " + join + ")");
            if (orphans > 0) {
                faults.add("Внешний ключ " + fk.name() + ": в " + fk.table() + " строк без родителя в " + fk.parent()
                        + ": " + orphans);
            }
        }
        notes.add("внешних ключей проверено: " + keys.size());
    }

    private void checkConstraints() throws SQLException {
        String q = kind == DatabaseKind.POSTGRESQL
                ? "SELECT n.nspname, t.relname, con.conname, pg_get_expr(con.conbin, con.conrelid)"
                + " FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE con.contype = 'c' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                : "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc"
                + " ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                + " WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'";
        List<String[]> checks = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
            while (rs.next()) {
                checks.add(new String[] {name(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4)});
            }
        }
        for (String[] ch : checks) {
            work.checkpoint();
            long bad = count("SELECT COUNT(*) FROM " + ch[0] + " WHERE NOT (" + ch[2] + ")");
            if (bad > 0) {
                faults.add("Ограничение " + ch[1] + " (" + ch[2] + "): в " + ch[0] + " его нарушают строк: " + bad);
            }
        }
        notes.add("ограничений CHECK проверено: " + checks.size());
    }

    private void btreeIndexes() throws SQLException {
        if (!amcheck()) {
            return;
        }
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT i.oid, n.nspname || '.' || i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " JOIN pg_am a ON a.oid = i.relam JOIN pg_namespace n ON n.oid = i.relnamespace"
                        + " WHERE a.amname = 'btree' AND x.indisvalid AND x.indisready AND i.relpersistence <> 't'"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] ix : indexes) {
            work.checkpoint();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT bt_index_check(" + Long.parseLong(ix[0]) + "::oid)");
            } catch (SQLException e) {
                faults.add("Индекс " + ix[1] + " повреждён (amcheck): " + Backups.firstLine(e));
            }
        }
        notes.add("индексов B-tree проверено amcheck: " + indexes.size());
    }

    /** Whether amcheck can be used: installed, or installed now. */
    private boolean amcheck() {
        try {
            if (count("SELECT COUNT(*) FROM pg_extension WHERE extname = 'amcheck'") > 0) {
                return true;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            }
            notes.add("расширение amcheck установлено в базу");
            return true;
        } catch (SQLException e) {
            notes.add("расширение amcheck недоступно (" + Backups.firstLine(e) + "): индексы не проверены;"
                    + " установите его (CREATE EXTENSION amcheck) правами суперпользователя");
            return false;
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String name(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
