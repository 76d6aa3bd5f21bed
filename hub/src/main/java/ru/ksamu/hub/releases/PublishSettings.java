package ru.ksamu.hub.releases;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import ru.ksamu.hub.PinnedKeys;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * {@code ksamu.hub.release-keys} and {@code ksamu.hub.max-upload-size}: whose bundles the hub
 * accepts and how large an upload may be.
 *
 * @param releaseKeys   the vendor's pinned public keys, each the text of a .pub file or its path
 * @param maxUploadSize the largest bundle zip accepted
 */
@ConfigurationProperties("ksamu.hub")
record PublishSettings(List<String> releaseKeys, DataSize maxUploadSize) {

    static final String KEYS = "ksamu.hub.release-keys";
    static final String MAX_UPLOAD = "ksamu.hub.max-upload-size";
    static final DataSize DEFAULT_MAX_UPLOAD_SIZE = DataSize.ofGigabytes(2);

    PublishSettings {
        releaseKeys = PinnedKeys.entries(releaseKeys);
        maxUploadSize = maxUploadSize == null ? DEFAULT_MAX_UPLOAD_SIZE : maxUploadSize;
        if (maxUploadSize.toBytes() <= 0) {
            throw new InvalidSettingException(MAX_UPLOAD, maxUploadSize.toString(), "размер должен быть положительным",
                    "the size must be positive");
        }
        PinnedKeys.parse(KEYS, releaseKeys);
    }

    /** The pinned keys; empty when none is configured (then every upload is refused). */
    Optional<TrustedKeys> trustedKeys() {
        return PinnedKeys.parse(KEYS, releaseKeys);
    }
}
