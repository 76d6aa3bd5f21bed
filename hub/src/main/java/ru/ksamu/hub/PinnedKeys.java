package ru.ksamu.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * A setting that pins public keys: each entry the one-line text of a .pub file ("<key id> <Base64>")
 * or the path of one. Shared by the vendor release keys and the upstream hub's feed keys.
 */
public final class PinnedKeys {

    private PinnedKeys() {
    }

    /** The entries stripped, empty ones dropped. */
    public static List<String> entries(List<String> raw) {
        return raw == null ? List.of()
                : raw.stream().filter(Objects::nonNull).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /**
     * The pinned keys; empty when there are no entries.
     *
     * @throws InvalidSettingException naming {@code key} and the entry that cannot be read
     */
    public static Optional<TrustedKeys> parse(String key, List<String> entries) {
        List<TrustedKey> keys = new ArrayList<>();
        for (String entry : entries) {
            keys.add(parseOne(key, entry));
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(TrustedKeys.of(keys));
    }

    private static TrustedKey parseOne(String key, String entry) {
        try {
            if (entry.matches("[0-9a-f]{16} .*")) {
                return TrustedKey.parse(entry, key);
            }
            Path file = Path.of(entry);
            if (!Files.isRegularFile(file)) {
                throw new InvalidSettingException(key, entry, "это не строка ключа «id Base64» и не файл .pub",
                        "neither a key line \"<id> <Base64>\" nor a .pub file");
            }
            return TrustedKey.read(file);
        } catch (ReleaseException e) {
            throw new InvalidSettingException(key, entry, e.russian(), e.english(), e);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(key, entry, "неверный путь", "invalid path", e);
        }
    }
}
