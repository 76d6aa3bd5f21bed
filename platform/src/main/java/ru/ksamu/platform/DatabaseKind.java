package ru.ksamu.platform;

/** The two database engines every KSAMU database may live on; the JDBC URL decides which. */
public enum DatabaseKind {
    H2("H2"),
    POSTGRESQL("PostgreSQL");

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
}
