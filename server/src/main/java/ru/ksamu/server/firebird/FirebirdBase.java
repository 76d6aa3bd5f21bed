package ru.ksamu.server.firebird;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.server.databases.ManagedDatabase;

/**
 * Where a Firebird / RedDatabase base lives, as the services API needs it: the server's host and
 * port and the base's path (or alias) on that server, read from {@code jdbc:firebirdsql://host[:port]/path}.
 */
record FirebirdBase(String name, String title, String host, int port, String path, String user, String password) {

    static final int DEFAULT_PORT = 3050;
    private static final Pattern URL = Pattern.compile("jdbc:(?:firebirdsql|firebird)://(\\[[^\\]]+\\]|[^/:?]+)(?::(\\d{1,5}))?/([^?]+)(?:\\?.*)?");

    static FirebirdBase of(ManagedDatabase db) {
        Matcher m = URL.matcher(db.endpoint().url());
        if (!m.matches()) {
            throw new InvalidSettingException(db.endpoint().key() + ".url", db.endpoint().displayUrl(),
                    "адрес базы Firebird: jdbc:firebirdsql://сервер[:порт]/путь-к-базе",
                    "a Firebird base's URL is jdbc:firebirdsql://host[:port]/path-to-base");
        }
        int port = m.group(2) == null ? DEFAULT_PORT : Integer.parseInt(m.group(2));
        String user = db.endpoint().user().isEmpty() ? "SYSDBA" : db.endpoint().user();
        return new FirebirdBase(db.name(), db.title(), m.group(1), port, m.group(3), user, db.endpoint().password());
    }

    /** The base's file name without its folder, for scratch names. */
    String folderOfPath() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + path;
    }
}
