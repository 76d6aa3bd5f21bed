package ru.ksamu.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A PostgreSQL 15 cluster of the test's own, in a temporary folder, with WAL archiving on
 * ({@code archive_command = 'cp %p <folder>/wal/%f'}) on a random loopback port: what the restore
 * point of a major update needs and the shared test server does not have. PostgreSQL refuses to
 * run as root, so as root the programs run as user {@code postgres} (runuser) on a folder it owns.
 * With CI=true a missing initdb fails the test; elsewhere it is skipped, loudly.
 */
final class ArchivingCluster implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    final Path root;
    final Path wal;
    final int port;
    Path data;

    private ArchivingCluster(Path root, int port) {
        this.root = root;
        this.wal = root.resolve("wal");
        this.port = port;
        this.data = root.resolve("data");
    }

    static ArchivingCluster start() throws Exception {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            String msg = "no " + BIN.resolve("initdb") + ": cannot start a PostgreSQL cluster with WAL archiving";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg + "; with CI=true this test is mandatory (apt-get install postgresql-15)");
            }
            System.err.println("\n!!!!!!!!!! SKIPPING THE RESTORE-POINT TEST: " + msg + " !!!!!!!!!!\n");
            throw new TestAbortedException(msg);
        }
        Path root = Files.createTempDirectory("ksamu-pg-archiving");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ArchivingCluster c = new ArchivingCluster(root, port);
        Files.createDirectories(c.wal);
        c.own(root);
        c.run("initdb", "-D", c.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
        Files.writeString(c.data.resolve("postgresql.conf"), String.join("\n",
                "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + root + "'",
                "wal_level = replica", "archive_mode = on", "archive_command = 'cp %p " + c.wal + "/%f'",
                "fsync = off", "shared_buffers = 32MB", ""), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        c.startServer();
        return c;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database)) {
            c.createStatement().execute(sql);
        }
    }

    /** A base backup of the whole cluster into {@code target} (the start of any point-in-time recovery). */
    void baseBackup(Path target) throws Exception {
        run("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-D", target.toString(),
                "-X", "stream", "-c", "fast");
    }

    /** Stops the cluster (fast): on the way down the archiver archives every finished segment. */
    void stop() throws Exception {
        run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /**
     * Starts a cluster from the base backup {@code base}, replaying the archived WAL up to the restore
     * point {@code name}, then promoted; returns once it takes writes.
     */
    void recoverTo(Path base, String name) throws Exception {
        data = base;
        Files.writeString(base.resolve("postgresql.auto.conf"), String.join("\n",
                "restore_command = 'cp " + wal + "/%f %p'", "recovery_target_name = '" + name + "'",
                "recovery_target_action = 'promote'", "archive_mode = off", ""), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.createFile(base.resolve("recovery.signal"));
        own(base);
        startServer();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = connect("postgres"); var rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                return !rs.getBoolean(1);
            }
        });
    }

    private void startServer() throws Exception {
        run("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60", "start");
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void own(Path dir) throws IOException, InterruptedException {
        if (root()) {
            exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(BIN.resolve(program).toString());
        cmd.addAll(List.of(args));
        exec(cmd);
    }

    private void exec(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ksamu-pg-cluster", ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not end in 120 s: " + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " exited with " + p.exitValue() + ": " + Files.readString(out)
                        + (Files.exists(root.resolve("server.log")) ? "\nserver.log:\n" + Files.readString(root.resolve("server.log")) : ""));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
