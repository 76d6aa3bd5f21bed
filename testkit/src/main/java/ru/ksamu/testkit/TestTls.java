package ru.ksamu.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's own keytool, for a stand-in HTTPS
 * server: {@link #serverContext()} serves it, {@link #trustStore()} is a PKCS12 trust store with
 * only that certificate, for the JVM of a program under test ({@code -Djavax.net.ssl.trustStore=}).
 */
public final class TestTls {

    public static final String PASSWORD = "changeit";

    private final Path keyStore;
    private final Path trustStore;

    private TestTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Makes the key pair, its certificate (SAN ip:127.0.0.1) and the trust store in {@code dir}. */
    public static TestTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keys = dir.resolve("server.p12");
            Path cert = dir.resolve("server.crt");
            Path trust = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keys.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-alias", "server", "-keystore", keys.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", trust.toString(), "-storepass", PASSWORD);
            return new TestTls(keys, trust);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("keytool interrupted", e);
        }
    }

    /** The server side: an SSL context holding the key and its certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trust store (PKCS12, password {@value #PASSWORD}) holding only this certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** The JVM options that make a program trust this certificate. */
    public List<String> trustOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }
}
