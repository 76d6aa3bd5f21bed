package ru.ksamu.platform;

/**
 * The database engines a KSAMU database may live on; the JDBC URL decides which. The service
 * database and the hub live on H2 or PostgreSQL ({@link #of}); a clinic's managed database may also
 * be a Firebird / RedDatabase base ({@link #ofManaged}), which the server maintains and backs up
 * but never migrates or uses as the main base.
 */
public enum DatabaseKind {
    H2("H2"),
    POSTGRESQL("PostgreSQL"),
    FIREBIRD("Firebird/RedDatabase");

    private final String title;

    DatabaseKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * The kind of a configured JDBC URL.
     *
     * @param key the setting that holds the URL, named in the error
     * @throws InvalidSettingException when the URL is neither H2 nor PostgreSQL
     */
    public static DatabaseKind of(String key, String url) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new InvalidSettingException(key, url,
                "поддерживаются только jdbc:h2:... и jdbc:postgresql:...",
                "only jdbc:h2:... and jdbc:postgresql:... are supported");
    }

    /**
     * The kind of a managed database's JDBC URL: H2, PostgreSQL or Firebird / RedDatabase
     * ({@code jdbc:firebirdsql://host[:port]/path}; RedDatabase speaks the same protocol).
     */
    public static DatabaseKind ofManaged(String key, String url) {
        if (url != null && (url.startsWith("jdbc:firebirdsql:") || url.startsWith("jdbc:firebird:"))) {
            return FIREBIRD;
        }
        if (url != null && (url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            return of(key, url);
        }
        throw new InvalidSettingException(key, url,
                "поддерживаются только jdbc:h2:..., jdbc:postgresql:... и jdbc:firebirdsql://...",
                "only jdbc:h2:..., jdbc:postgresql:... and jdbc:firebirdsql://... are supported");
    }
}
