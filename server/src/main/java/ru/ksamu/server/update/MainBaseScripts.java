package ru.ksamu.server.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import ru.ksamu.release.files.FileTrees;
import ru.ksamu.release.manifest.FileRole;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.server.releases.ReleaseStore;

/**
 * Runs a release's DB scripts ({@code scripts/V6_0_51__...sql}, verified blobs) on the main base
 * with Flyway, in its own history table {@code ksamu_schema_history}: each script once, in
 * version order, each in a transaction where the database allows.
 */
@Component
class MainBaseScripts {

    static final String HISTORY_TABLE = "ksamu_schema_history";

    private final ReleaseStore store;

    MainBaseScripts(ReleaseStore store) {
        this.store = store;
    }

    /**
     * Applies the scripts of {@code manifest} not yet applied, on {@code own} (the update's
     * connection, which may hold the base's lock), all in one transaction where the database
     * allows (PostgreSQL: a failing script leaves the base exactly as it was); returns how many ran.
     */
    int migrate(ReleaseManifest manifest, Connection own) throws IOException, SQLException {
        return migrate(manifest, own, () -> { });
    }

    /** As {@link #migrate(ReleaseManifest, Connection)}, calling {@code afterEachScript} after each script (inside the transaction). */
    int migrate(ReleaseManifest manifest, Connection own, Runnable afterEachScript)
            throws IOException, SQLException {
        List<ManifestEntry> scripts = manifest.files().stream().filter(f -> f.role() == FileRole.SCRIPTS).toList();
        Path dir = Files.createTempDirectory(store.root(), "scripts-");
        try {
            for (ManifestEntry e : scripts) {
                Path target = dir.resolve(e.path().substring("scripts/".length()));
                Files.createDirectories(target.getParent());
                Files.copy(store.blob(e.sha256()), target, StandardCopyOption.REPLACE_EXISTING);
            }
            MigrateResult result = Flyway.configure()
                    .dataSource(new SingleConnectionDataSource(own, true))
                    // One transaction for all scripts where DDL is transactional (PostgreSQL); H2 commits
                    // DDL at once, so there the backup is what takes a failed migration back.
                    .group(!own.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2"))
                    // A release may carry only its own scripts: those applied by earlier releases are not "missing".
                    .ignoreMigrationPatterns("*:missing")
                    .callbacks(new BaseCallback() {
                        @Override
                        public boolean supports(Event event,
                                                Context context) {
                            return event == Event.AFTER_EACH_MIGRATE;
                        }

                        @Override
                        public boolean canHandleInTransaction(Event event,
                                                              Context context) {
                            return true;
                        }

                        @Override
                        public void handle(Event event,
                                           Context context) {
                            afterEachScript.run();
                        }
                    })
                    .locations("filesystem:" + dir)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } finally {
            FileTrees.delete(dir);
        }
    }
}
