package ru.ksamu.hub.releases;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.TrustedKey;
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
        releaseKeys = releaseKeys == null ? List.of()
                : releaseKeys.stream().filter(Objects::nonNull).map(String::strip).filter(k -> !k.isEmpty()).toList();
        maxUploadSize = maxUploadSize == null ? DEFAULT_MAX_UPLOAD_SIZE : maxUploadSize;
        if (maxUploadSize.toBytes() <= 0) {
            throw new InvalidSettingException(MAX_UPLOAD, maxUploadSize.toString(), "размер должен быть положительным",
                    "the size must be positive");
        }
        trustedKeys(releaseKeys);
    }

    /** The pinned keys; empty when none is configured (then every upload is refused). */
    Optional<TrustedKeys> trustedKeys() {
        return trustedKeys(releaseKeys);
    }

    private static Optional<TrustedKeys> trustedKeys(List<String> entries) {
        List<TrustedKey> keys = new ArrayList<>();
        for (String entry : entries) {
            keys.add(key(entry));
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(TrustedKeys.of(keys));
    }

    /** A key given as its one-line text, or as the path of a .pub file. */
    private static TrustedKey key(String entry) {
        try {
            if (entry.matches("[0-9a-f]{16} .*")) {
                return TrustedKey.parse(entry, KEYS);
            }
            Path file = Path.of(entry);
            if (!Files.isRegularFile(file)) {
                throw new InvalidSettingException(KEYS, entry, "это не строка ключа «id Base64» и не файл .pub",
                        "neither a key line \"<id> <Base64>\" nor a .pub file");
            }
            return TrustedKey.read(file);
        } catch (ReleaseException e) {
            throw new InvalidSettingException(KEYS, entry, e.russian(), e.english(), e);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(KEYS, entry, "неверный путь", "invalid path", e);
        }
    }
}
