package ru.ksamu.hub.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.hub.HubFolders;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.signing.SigningKeyPair;

class HubKeyTest {

    @TempDir
    Path dir;

    private static FeedSettings keyFile(String path) {
        return new FeedSettings(path, Duration.ofHours(24), 20);
    }

    @Test
    void withoutASettingAKeyIsMadeOnceInTheDataFolderAndKept() {
        HubFolders folders = new HubFolders(dir);

        HubKey first = new HubKey(keyFile(""), folders);
        HubKey second = new HubKey(keyFile(""), folders);

        assertThat(Files.exists(dir.resolve("keys/hub.key"))).isTrue();
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.signingKey().keyId()).isEqualTo(first.publicKey().keyId());
    }

    @Test
    void configuredKeyIsReadWithThePubBesideIt() {
        SigningKeyPair pair = SigningKeyPair.generate();
        Path key = pair.writeTo(dir.resolve("etc"), "online");

        HubKey hubKey = new HubKey(keyFile(key.toString()), new HubFolders(dir));

        assertThat(hubKey.publicKey()).isEqualTo(pair.trustedKey());
        assertThat(Files.exists(dir.resolve("keys"))).isFalse();
    }

    @Test
    void missingOrMismatchedConfiguredKeyStopsStartUp() throws Exception {
        assertThatThrownBy(() -> new HubKey(keyFile(dir.resolve("none.key").toString()), new HubFolders(dir)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(HubKey.KEY);
        Path key = SigningKeyPair.generate().writeTo(dir.resolve("a"), "hub");
        Files.copy(SigningKeyPair.generate().writeTo(dir.resolve("b"), "hub").resolveSibling("hub.pub"),
                key.resolveSibling("hub.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> new HubKey(keyFile(key.toString()), new HubFolders(dir)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(HubKey.KEY);
    }

    @Test
    void feedSettingsRefuseValuesThatCannotWork() {
        assertThatThrownBy(() -> new FeedSettings("", Duration.ofSeconds(10), 20))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.feed.validity");
        assertThatThrownBy(() -> new FeedSettings("", null, 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.hub.feed.max-releases");
        assertThat(new FeedSettings(null, null, null).validity()).isEqualTo(Duration.ofHours(24));
    }
}
