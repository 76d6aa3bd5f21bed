package ru.ksamu.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared set-up of the hub's integration contracts: a running hub on a random port (one
 * context per database kind, see {@link HubOnH2} and {@link HubOnPostgres}), its database, its
 * data folder, its fake Telegram, and a snapshot of everything a publish may store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-hub", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
public abstract class HubContractSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected HubFolders folders;
    @Autowired
    protected Environment env;
    @TempDir
    protected Path tmp;

    protected HubHttp hub() {
        return new HubHttp(port);
    }

    protected FakeTelegram telegram() {
        return FakeTelegram.at(env.getProperty("ksamu.hub.telegram.base-url"));
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Everything a publish may leave behind: rows of every table and files on disk. */
    protected record Stored(long releases, long memberships, long releaseFiles, long blobs, long announcements,
                  Set<String> blobFiles, Set<String> leftovers) {
    }

    protected Stored stored() {
        return new Stored(count("SELECT COUNT(*) FROM releases"), count("SELECT COUNT(*) FROM release_channels"),
                count("SELECT COUNT(*) FROM release_files"), count("SELECT COUNT(*) FROM blobs"),
                count("SELECT COUNT(*) FROM announcements"), blobFiles(),
                Stream.concat(list(folders.files().resolve(".tmp")), list(folders.uploads())).collect(Collectors.toSet()));
    }

    /** The stored release files, as {@code ab/cdef...}. */
    protected Set<String> blobFiles() {
        try (Stream<Path> all = Files.walk(folders.files())) {
            return all.filter(Files::isRegularFile)
                    .map(p -> folders.files().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".tmp/"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a refusal: its status, its code, a bilingual message, and that nothing was stored. */
    protected void assertRefused(HubHttp.Reply reply, int status, String code, Stored before) {
        assertProblem(reply, status, code);
        assertThat(stored()).isEqualTo(before);
    }

    /**
     * Asserts a refusal as the API gives every one: {@code application/problem+json} with this
     * status and code, the Russian {@code detail} also as {@code message}, and {@code messageEn}.
     */
    public static void assertProblem(HubHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.text())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.json().path("code").asString()).as(reply.text()).isEqualTo(code);
        assertThat(reply.json().path("type").asString()).isEqualTo("urn:ksamu:problem:" + code);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("message").asString()).isNotBlank().isEqualTo(reply.json().path("detail").asString());
        assertThat(reply.json().path("messageEn").asString()).isNotBlank();
    }

    private static Stream<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::toString).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
