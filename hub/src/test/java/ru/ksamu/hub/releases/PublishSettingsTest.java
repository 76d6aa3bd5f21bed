package ru.ksamu.hub.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.signing.SigningKeyPair;

class PublishSettingsTest {

    @TempDir
    Path dir;

    @Test
    void keysAreReadFromTheirTextOrFromPubFiles() {
        SigningKeyPair inline = SigningKeyPair.generate();
        SigningKeyPair filed = SigningKeyPair.generate();
        filed.writeTo(dir, "release");

        PublishSettings settings = new PublishSettings(
                List.of(inline.trustedKey().toText(), dir.resolve("release.pub").toString()), null);

        assertThat(settings.trustedKeys()).get().extracting(k -> k.keyIds())
                .isEqualTo(List.of(inline.trustedKey().keyId(), filed.trustedKey().keyId()));
        assertThat(settings.maxUploadSize()).isEqualTo(PublishSettings.DEFAULT_MAX_UPLOAD_SIZE);
    }

    @Test
    void noKeyMeansNoTrust() {
        assertThat(new PublishSettings(List.of(" "), null).trustedKeys()).isEmpty();
    }

    @Test
    void badValuesStopStartUpNamingTheKey() {
        assertThatThrownBy(() -> new PublishSettings(List.of(dir.resolve("missing.pub").toString()), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(PublishSettings.KEYS);
        assertThatThrownBy(() -> new PublishSettings(List.of("0123456789abcdef notbase64!"), null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(PublishSettings.KEYS);
        assertThatThrownBy(() -> new PublishSettings(List.of(), DataSize.ofBytes(0)))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(PublishSettings.MAX_UPLOAD);
    }
}
