package ru.ksamu.release.signing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ru.ksamu.release.Channel;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.Version;

/**
 * The pinned keys a verifier accepts: the vendor's release keys for manifests, or the hub's
 * keys for feeds (keep the two sets apart). Several keys allow a key rotation.
 */
public final class TrustedKeys {

    private final Map<String, TrustedKey> keys = new LinkedHashMap<>();

    private TrustedKeys(Collection<TrustedKey> trusted) {
        for (TrustedKey key : trusted) {
            Objects.requireNonNull(key, "key");
            keys.put(key.keyId(), key);
        }
        if (keys.isEmpty()) {
            throw new InvalidArgumentException("", "Не задано ни одного доверенного ключа",
                    "no trusted key is given");
        }
    }

    /** Trusts exactly these keys (at least one). */
    public static TrustedKeys of(TrustedKey... keys) {
        return new TrustedKeys(List.of(keys));
    }

    /** Trusts exactly these keys (at least one). */
    public static TrustedKeys of(Collection<TrustedKey> keys) {
        return new TrustedKeys(keys);
    }

    /** The ids of the trusted keys. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /**
     * Checks the vendor's signature over the exact bytes of a release.json.
     *
     * @param version the release's version, for messages
     * @throws UntrustedKeyException if the key is not pinned, naming the key id and the version
     * @throws BadSignatureException if the signature does not verify
     */
    public void verifyRelease(byte[] manifestBytes, DetachedSignature signature, Version version) {
        verify(manifestBytes, signature, Subject.release(version));
    }

    /**
     * Checks the hub's signature over the exact bytes of a channel feed.
     *
     * @param channel the channel asked for, for messages
     * @throws UntrustedKeyException if the key is not pinned, naming the key id and the channel
     * @throws BadSignatureException if the signature does not verify
     */
    public void verifyFeed(byte[] feedBytes, DetachedSignature signature, Channel channel) {
        verify(feedBytes, signature, Subject.feed(channel));
    }

    private void verify(byte[] data, DetachedSignature signature, Subject subject) {
        TrustedKey key = keys.get(signature.keyId());
        if (key == null) {
            throw new UntrustedKeyException(signature.keyId(), subject, keys.keySet());
        }
        if (!key.verifies(data, signature)) {
            throw new BadSignatureException(signature.keyId(), subject);
        }
    }
}
