package ru.ksamu.server.firebird;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * The real Firebird 3 server the Firebird tests use: Debian's {@code firebird3.0-server} on
 * 127.0.0.1:3050 (which {@code .ci/run} installs and starts), SYSDBA's password from
 * {@code /etc/firebird/3.0/SYSDBA.password} (or KSAMU_TEST_FIREBIRD_PASSWORD), bases made in
 * {@code /var/lib/firebird/3.0/data} (or KSAMU_TEST_FIREBIRD_DATA), a folder the server may write.
 * With {@code CI=true} a missing server fails the tests; elsewhere they are skipped loudly.
 */
final class FirebirdTestServer {

    static final String HOST = "127.0.0.1";
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("KSAMU_TEST_FIREBIRD_PORT", "3050"));
    static final Path DATA = Path.of(System.getenv().getOrDefault("KSAMU_TEST_FIREBIRD_DATA", "/var/lib/firebird/3.0/data"));
    static final Path PASSWORD_FILE = Path.of("/etc/firebird/3.0/SYSDBA.password");

    private FirebirdTestServer() {
    }

    static void requireAvailable() {
        String problem = null;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 2_000);
        } catch (IOException e) {
            problem = "no Firebird server listens on " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
        }
        if (problem == null && password() == null) {
            problem = "the SYSDBA password is unknown: " + PASSWORD_FILE + " is not readable and KSAMU_TEST_FIREBIRD_PASSWORD is not set";
        }
        if (problem == null && !Files.isDirectory(DATA)) {
            problem = "the folder for test bases " + DATA + " does not exist";
        }
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(problem + "; with CI=true the Firebird tests are mandatory (.ci/run installs"
                    + " firebird3.0-server and starts it)");
        }
        System.err.println("\n!!!!!!!!!! SKIPPING FIREBIRD TESTS: " + problem + " !!!!!!!!!!\n");
        throw new TestAbortedException(problem);
    }

    static String password() {
        String env = System.getenv("KSAMU_TEST_FIREBIRD_PASSWORD");
        if (env != null) {
            return env;
        }
        try {
            Matcher m = Pattern.compile("(?m)^ISC_PASSWORD=\"?([^\"\\n]*)\"?").matcher(Files.readString(PASSWORD_FILE));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A unique path for a test base in the server's data folder. */
    static String newPath(String what) {
        return DATA.resolve("ksamu-it-" + what + "-" + Long.toHexString(System.nanoTime()) + ".fdb").toString();
    }

    static String url(String path) {
        return "jdbc:firebirdsql://" + HOST + ":" + PORT + "/" + path;
    }

    static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "SYSDBA");
        p.setProperty("password", password());
        p.setProperty("charSet", "UTF-8");
        return p;
    }
}
