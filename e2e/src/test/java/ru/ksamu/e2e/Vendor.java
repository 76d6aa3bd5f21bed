package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.release.cli.ReleaseCli;
import ru.ksamu.release.signing.SigningKeyPair;

/**
 * The vendor's side for end-to-end tests: a release key, a real hub on a free port, and the
 * release CLI run in this JVM to build, publish and promote.
 */
final class Vendor implements AutoCloseable {

    static final String TOKEN = "e2e-publisher-token-0123456789abcdef0123456789";

    final Path dir;
    final SigningKeyPair releaseKey;
    final ConfigurableApplicationContext hub;
    final String hubUrl;

    record Run(int exit, String out, String err) {
    }

    Vendor(Path dir, List<String> hubDatabase) throws Exception {
        this.dir = dir;
        this.releaseKey = SigningKeyPair.generate();
        releaseKey.writeTo(dir.resolve("keys"), "release");
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dir.resolve("hub"),
                "--ksamu.hub.publish-tokens=" + TOKEN, "--ksamu.hub.release-keys=" + releasePub()));
        args.addAll(hubDatabase);
        this.hub = HubApplication.builder().run(args.toArray(String[]::new));
        this.hubUrl = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
    }

    Path releasePub() {
        return dir.resolve("keys/release.pub");
    }

    Path releaseKeyFile() {
        return dir.resolve("keys/release.key");
    }

    /** The hub's own feed key as a server pins it. */
    Path hubPub() {
        return dir.resolve("hub/keys/hub.pub");
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ReleaseCli(Clock.systemUTC(), Map.of()).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Builds a signed bundle of {@code source} and publishes it to {@code channel}; extra build options after. */
    Path release(Path source, String version, String notes, String channel, String... buildOptions) {
        Path zip = dir.resolve(version + ".zip");
        List<String> build = new ArrayList<>(List.of("build", source.toString(), "--version", version, "--notes", notes,
                "--key", releaseKeyFile().toString(), "--out", zip.toString()));
        build.addAll(List.of(buildOptions));
        Run b = cli(build.toArray(String[]::new));
        assertThat(b.exit()).as(b.err()).isZero();
        Run p = cli("publish", zip.toString(), "--hub", hubUrl, "--channel", channel, "--token", TOKEN);
        assertThat(p.exit()).as(p.err()).isZero();
        return zip;
    }

    void promote(String version) {
        Run r = cli("promote", version, "--to", "stable", "--hub", hubUrl, "--token", TOKEN);
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** A source folder with the given files (relative path → text). */
    Path source(String name, Map<String, String> files) throws Exception {
        Path src = dir.resolve("src-" + name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = src.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return src;
    }

    /** Copies every file of {@code folder} (e.g. the built MIS program) into {@code source}'s {@code client/}; returns {@code source}. */
    Path withClient(Path source, Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = source.resolve("client").resolve(folder.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return source;
    }

    @Override
    public void close() {
        hub.close();
    }
}
