package ru.ksamu.testkit;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a KSAMU database setting ({@code <key>.url}, {@code .user}, {@code .password}) at a fresh
 * database of the chosen kind, for Spring tests that run once per database kind.
 */
public enum TestDatabases {
    H2 {
        @Override
        public void register(DynamicPropertyRegistry registry, String key, Path dir) {
            String name = key.replaceAll("[^A-Za-z0-9]", "_");
            registry.add(key + ".url", () -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath());
            registry.add(key + ".user", () -> "sa");
            registry.add(key + ".password", () -> "");
        }
    },
    POSTGRESQL {
        @Override
        public void register(DynamicPropertyRegistry registry, String key, Path dir) {
            String db = Postgres.createDatabase(key.replaceAll("[^A-Za-z0-9]", "").replace("ksamu", ""));
            registry.add(key + ".url", () -> Postgres.url(db));
            registry.add(key + ".user", Postgres::user);
            registry.add(key + ".password", () -> "");
        }
    };

    /** Registers a fresh database for {@code key}; H2 files go under {@code dir}. */
    public abstract void register(DynamicPropertyRegistry registry, String key, Path dir);
}
