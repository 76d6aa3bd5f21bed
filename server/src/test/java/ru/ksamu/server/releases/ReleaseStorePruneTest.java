package ru.ksamu.server.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKeyPair;

/** Which releases and blobs {@link ReleaseStore#prune} removes after an install, and which it keeps. */
class ReleaseStorePruneTest {

    private static final SigningKeyPair KEYS = SigningKeyPair.generate();

    @TempDir
    Path data;

    @Test
    void releasesNotKeptGoWithTheBlobsOnlyTheyUsed() throws Exception {
        ReleaseStore store = new ReleaseStore(new ru.ksamu.platform.DataFolder(data));
        String shared = blob(store, "общая библиотека\n");
        String old = blob(store, "клиент 1.0.0.1\n");
        String previous = blob(store, "клиент 1.0.0.2\n");
        String current = blob(store, "клиент 1.0.0.3\n");
        String stray = blob(store, "файл без релиза\n");
        keep(store, "1.0.0.1", shared, old);
        keep(store, "1.0.0.2", shared, previous);
        keep(store, "1.0.0.3", shared, current);
        Files.writeString(store.part("abc"), "загрузка");

        ReleaseStore.Pruned pruned = store.prune(Set.of(Version.parse("1.0.0.2"), Version.parse("1.0.0.3")));

        assertThat(pruned.versions()).isEqualTo(1);
        assertThat(pruned.blobs()).isEqualTo(2);
        assertThat(pruned.bytes()).isEqualTo(bytes("клиент 1.0.0.1\n") + bytes("файл без релиза\n"));
        assertThat(store.release(Version.parse("1.0.0.1"))).isEmpty();
        assertThat(store.release(Version.parse("1.0.0.2"))).isPresent();
        assertThat(store.hasBlob(old)).isFalse();
        assertThat(store.hasBlob(stray)).isFalse();
        assertThat(store.hasBlob(shared)).isTrue();
        assertThat(store.hasBlob(previous)).isTrue();
        assertThat(store.hasBlob(current)).isTrue();
        assertThat(store.part("abc")).as("staging is not pruning's business").exists();

        assertThat(store.prune(Set.of(Version.parse("1.0.0.2"), Version.parse("1.0.0.3"))))
                .isEqualTo(new ReleaseStore.Pruned(0, 0, 0));
    }

    @Test
    void noBlobGoesWhenAKeptReleaseCannotBeRead() throws Exception {
        ReleaseStore store = new ReleaseStore(new ru.ksamu.platform.DataFolder(data));
        String current = blob(store, "клиент 1.0.0.3\n");
        String old = blob(store, "клиент 1.0.0.1\n");
        keep(store, "1.0.0.1", old);
        keep(store, "1.0.0.3", current);
        Files.delete(store.root().resolve("versions/1.0.0.3/release.sig"));
        Files.createDirectories(store.root().resolve("versions/не-версия"));

        ReleaseStore.Pruned pruned = store.prune(Set.of(Version.parse("1.0.0.3")));

        assertThat(pruned).isEqualTo(new ReleaseStore.Pruned(1, 0, 0));
        assertThat(store.hasBlob(current)).isTrue();
        assertThat(store.hasBlob(old)).isTrue();
        assertThat(store.root().resolve("versions/не-версия")).as("not ours to remove").isDirectory();
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String blob(ReleaseStore store, String text) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.of(content);
        Files.write(store.blob(sha), content);
        return sha;
    }

    private static void keep(ReleaseStore store, String version, String... shas) throws Exception {
        List<ManifestEntry> files = new ArrayList<>();
        for (int i = 0; i < shas.length; i++) {
            files.add(ManifestEntry.of("client/file" + i + ".txt", Files.size(store.blob(shas[i])), shas[i]));
        }
        ReleaseManifest manifest = new ReleaseManifest(Version.parse(version), "", List.of(), Instant.EPOCH,
                Optional.empty(), files);
        byte[] json = manifest.toCanonicalJson();
        store.saveRelease(Version.parse(version), json, KEYS.signingKey().sign(json));
    }
}
