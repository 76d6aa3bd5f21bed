package ru.ksamu.server.firebird;

import java.sql.SQLException;
import org.firebirdsql.gds.ISCConstants;
import ru.ksamu.server.databases.DbTaskFailedException;

/**
 * A Firebird server's refusal, said in Russian for the run log: which base, what is wrong with it,
 * and the server's own words. The base is left as it was; the task's schedule is not touched.
 */
final class FirebirdFailures {

    private FirebirdFailures() {
    }

    static DbTaskFailedException explain(FirebirdBase base, String what, SQLException e) {
        return new DbTaskFailedException(what + ": " + reason(base, e) + " (сервер Firebird: " + serverWords(e) + ")", e);
    }

    /** The Russian reason for the commonest refusals, by Firebird's error code anywhere in the chain. */
    static String reason(FirebirdBase base, SQLException e) {
        String where = "база «" + base.title() + "» (" + base + ")";
        if (has(e, ISCConstants.isc_wrong_ods) || has(e, ISCConstants.isc_gstat_wrong_ods)) {
            return where + " другой версии ODS: файл создан другой версией Firebird/RedDatabase,"
                    + " этот сервер его не открывает (переведите базу через gbak на сервере её версии)";
        }
        if (has(e, ISCConstants.isc_bad_db_format)) {
            return where + ": файл не является базой Firebird/RedDatabase";
        }
        if (has(e, ISCConstants.isc_shutdown) || has(e, ISCConstants.isc_att_shutdown)) {
            return where + " заблокирована (выключена, shutdown): дождитесь окончания работ с ней"
                    + " или верните её в работу (gfix -online)";
        }
        if (has(e, ISCConstants.isc_lock_timeout) || has(e, ISCConstants.isc_obj_in_use) || has(e, ISCConstants.isc_gbak_db_in_use)) {
            return where + " занята другими подключениями";
        }
        if (has(e, ISCConstants.isc_io_error)) {
            return where + " недоступна: файла нет или нет прав на него у сервера Firebird";
        }
        if (has(e, ISCConstants.isc_login)) {
            return "сервер Firebird отклонил имя пользователя или пароль базы «" + base.title() + "»";
        }
        if (has(e, ISCConstants.isc_network_error) || e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return "сервер Firebird " + base.host() + ":" + base.port() + " недоступен или не ответил вовремя";
        }
        return where + ": ошибка сервера Firebird";
    }

    static boolean has(SQLException e, int code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if (n.getErrorCode() == code) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The server's message, on one line, without Jaybird's bracketed codes. */
    static String serverWords(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\[SQLState:[^\\]]*\\]", "").replaceAll("\\s+", " ").strip();
    }
}
