package ru.ksamu.server.firebird;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import org.firebirdsql.gds.ISCConstants;
import org.firebirdsql.gds.ServiceRequestBuffer;
import org.firebirdsql.gds.ng.FbService;
import org.firebirdsql.jaybird.fb.constants.SpbItems;
import org.firebirdsql.management.FBMaintenanceManager;
import org.firebirdsql.management.FBManager;
import org.firebirdsql.management.FBServiceManager;
import org.firebirdsql.management.FBStatisticsManager;
import org.firebirdsql.management.FBStreamingBackupManager;
import org.firebirdsql.management.MaintenanceManager;
import org.firebirdsql.management.StatisticsManager;
import org.springframework.stereotype.Component;

/**
 * The services API calls made on a Firebird / RedDatabase server (Jaybird's
 * {@code org.firebirdsql.management}), each with the connect and read timeouts of
 * {@link FirebirdSettings}, each writing the server's answers to the given {@link LogLines}.
 * A failed call throws the server's {@link SQLException}; the callers say it in Russian.
 */
@Component
class FirebirdServices {

    private final FirebirdSettings settings;

    FirebirdServices(FirebirdSettings settings) {
        this.settings = settings;
    }

    private <T extends FBServiceManager> T configure(T m, FirebirdBase base, String database, OutputStream log) {
        m.setServerName(base.host());
        m.setPortNumber(base.port());
        m.setUser(base.user());
        m.setPassword(base.password());
        m.setDatabase(database);
        m.setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        m.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.serviceTimeout().toMillis()));
        m.setLogger(log);
        return m;
    }

    /** The server's version line, e.g. "LI-V3.0.11.33637 Firebird 3.0". */
    String serverVersion(FirebirdBase base) throws SQLException {
        return configure(new FBServiceManager(), base, base.path(), OutputStream.nullOutputStream())
                .getServerVersion().getFullVersion();
    }

    /** gfix -sweep: garbage collection of old record versions, while the clinic works. */
    void sweep(FirebirdBase base, OutputStream log) throws SQLException {
        configure(new FBMaintenanceManager(), base, base.path(), log).sweepDatabase();
    }

    /**
     * Online validation (Firebird 3+, {@code isc_action_svc_validate}): pages, records and indexes
     * are checked while the base stays in use; each table is locked only for its own check, waiting
     * at most {@code lockTimeoutSeconds} for it. Jaybird's {@code validateDatabase} is the offline
     * kind (gfix -v, which needs the base to itself), hence the request built here.
     */
    void validateOnline(FirebirdBase base, int lockTimeoutSeconds, OutputStream log) throws SQLException {
        configure(new OnlineValidation(lockTimeoutSeconds), base, base.path(), log).execute();
    }

    /** gstat -i: index statistics (depth, fill, duplicates) of every user table. */
    void indexStatistics(FirebirdBase base, OutputStream log) throws SQLException {
        configure(new FBStatisticsManager(), base, base.path(), log).getDatabaseStatistics(StatisticsManager.INDEX_STATISTICS);
    }

    /** gbak -b through the services API, the backup streamed to {@code out} (a file of ours). */
    void backup(FirebirdBase base, OutputStream out) throws SQLException {
        FBStreamingBackupManager m = configure(new FBStreamingBackupManager(), base, base.path(),
                OutputStream.nullOutputStream());
        m.setBackupOutputStream(out);
        m.backupDatabase();
    }

    /**
     * gbak -c (or -rep) through the services API, the backup streamed from {@code in}, into
     * {@code target} (a path on the Firebird server's machine), verbose into {@code log}.
     */
    void restore(FirebirdBase base, InputStream in, String target, boolean replace, OutputStream log) throws SQLException {
        FBStreamingBackupManager m = configure(new FBStreamingBackupManager(), base, target, log);
        m.setRestoreInputStream(in);
        m.setRestoreReplace(replace);
        m.setVerbose(true);
        m.restoreDatabase();
    }

    /**
     * Single-user shutdown (the lock of a restore): new attachments are refused at once, the present ones get
     * {@code ksamu.firebird.shutdown-wait} to end and are then cut off. Single, not full: the one
     * attachment left, SYSDBA's, is what the services API needs to back up and restore it meanwhile.
     */
    void shutdown(FirebirdBase base) throws SQLException {
        configure(new FBMaintenanceManager(), base, base.path(), OutputStream.nullOutputStream())
                .shutdownDatabase(MaintenanceManager.OPERATION_MODE_SINGLE, MaintenanceManager.SHUTDOWNEX_FORCE,
                        (int) settings.shutdownWait().toSeconds());
    }

    /** Back to normal operation after a shutdown. */
    void online(FirebirdBase base) throws SQLException {
        configure(new FBMaintenanceManager(), base, base.path(), OutputStream.nullOutputStream())
                .bringDatabaseOnline(MaintenanceManager.OPERATION_MODE_NORMAL);
    }

    /** Drops a base (the scratch base of a backup's check). */
    void drop(FirebirdBase base, String path) throws Exception {
        FBManager m = new FBManager();
        m.setServer(base.host());
        m.setPort(base.port());
        m.start();
        try {
            m.dropDatabase(path, base.user(), base.password());
        } finally {
            m.stop();
        }
    }

    /** The validate action with its lock-wait argument; run on its own service attachment. */
    private static final class OnlineValidation extends FBServiceManager {

        private final int lockTimeoutSeconds;

        OnlineValidation(int lockTimeoutSeconds) {
            this.lockTimeoutSeconds = lockTimeoutSeconds;
        }

        private void execute() throws SQLException {
            try (FbService service = attachServiceManager()) {
                ServiceRequestBuffer srb = service.createServiceRequestBuffer();
                srb.addArgument(ISCConstants.isc_action_svc_validate);
                srb.addArgument(SpbItems.isc_spb_dbname, getDatabase());
                srb.addArgument(ISCConstants.isc_spb_val_lock_timeout, lockTimeoutSeconds);
                executeServicesOperation(service, srb);
            }
        }
    }
}
