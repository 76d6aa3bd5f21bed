package ru.ksamu.server.mis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.maintenance.Maintenance;
import ru.ksamu.server.web.ServerProblem;

/**
 * The minimal MIS screen's data: the main base's patient list, all its columns in order, so the
 * client shows a column a major update adds. Refused with 503 while an update holds the base.
 */
@RestController
class MisController {

    static final int MAX_ROWS = 1000;

    private final ManagedDatabases databases;
    private final Maintenance maintenance;

    MisController(ManagedDatabases databases, Maintenance maintenance) {
        this.databases = databases;
        this.maintenance = maintenance;
    }

    @GetMapping("/api/v1/mis/patients")
    ResponseEntity<Map<String, Object>> patients() throws SQLException {
        maintenance.refuseWhileLocked();
        try (Connection c = databases.main().endpoint().connect(Duration.ofSeconds(10));
             Statement s = c.createStatement()) {
            s.setMaxRows(MAX_ROWS);
            ResultSet rs;
            try {
                rs = s.executeQuery("SELECT * FROM patient ORDER BY 1");
            } catch (SQLException e) {
                if (!tableMissing(c)) {
                    throw e;
                }
                throw new ProblemException(ServerProblem.NO_TABLE.problem(
                        "В главной базе ещё нет списка пациентов (не установлена версия КСАМУ)",
                        "the main base has no patient list yet (no KSAMU version installed)"));
            }
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString());
                }
                rows.add(row);
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("columns", columns);
            b.put("rows", rows);
            return ResponseEntity.ok(b);
        }
    }

    private static boolean tableMissing(Connection c) throws SQLException {
        for (String name : List.of("patient", "PATIENT")) {
            try (ResultSet t = c.getMetaData().getTables(null, null, name, null)) {
                if (t.next()) {
                    return false;
                }
            }
        }
        return true;
    }
}
