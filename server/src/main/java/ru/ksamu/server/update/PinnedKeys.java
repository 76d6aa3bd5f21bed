package ru.ksamu.server.update;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/** The keys this server trusts, read once at start; a bad key stops start-up naming its setting. */
@Component
class PinnedKeys {

    private final Optional<TrustedKeys> release;
    private final Optional<TrustedKeys> hub;

    PinnedKeys(UpdateSettings settings) {
        this.release = read("ksamu.update.release-keys", settings.releaseKeys());
        this.hub = read("ksamu.update.hub-keys", settings.hubKeys());
    }

    /** The vendor's release keys; empty when none is pinned (then no release is ever accepted). */
    public Optional<TrustedKeys> release() {
        return release;
    }

    /** The hub's feed keys; empty when none is pinned (then no feed is ever accepted). */
    public Optional<TrustedKeys> hub() {
        return hub;
    }

    private static Optional<TrustedKeys> read(String key, List<String> values) {
        List<TrustedKey> keys = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            try {
                Path p = Path.of(v.strip());
                keys.add(Files.isRegularFile(p) ? TrustedKey.read(p) : TrustedKey.parse(v.strip(), key));
            } catch (ReleaseException | IllegalArgumentException e) {
                throw new InvalidSettingException(key, v, "ключ не прочитан: " + e.getMessage(), "cannot read the key", e);
            }
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(TrustedKeys.of(keys));
    }
}
