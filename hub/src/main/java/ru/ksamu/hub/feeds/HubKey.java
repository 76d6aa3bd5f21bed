package ru.ksamu.hub.feeds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.ksamu.hub.HubFolders;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * The hub's online key, which signs channel feeds (the vendor's release key stays offline). It is
 * read from {@code ksamu.hub.feed.key-file} and the {@code .pub} beside it; when that setting is
 * empty, from {@code <data-dir>/keys/hub.key}, generated on first start. Its public half is logged
 * at every start: every server must pin it.
 */
@Component
class HubKey {

    private static final Logger log = LoggerFactory.getLogger(HubKey.class);
    static final String KEY = FeedSettings.PREFIX + "key-file";
    static final String NAME = "hub";

    private final SigningKey signingKey;
    private final TrustedKey publicKey;

    HubKey(FeedSettings settings, HubFolders folders) {
        Path keyFile;
        boolean generated = false;
        if (settings.keyFile().isEmpty()) {
            keyFile = folders.keys().resolve(NAME + SigningKeyPair.PRIVATE_SUFFIX);
            if (!Files.exists(keyFile)) {
                SigningKeyPair.generate().writeTo(folders.keys(), NAME);
                generated = true;
            }
        } else {
            keyFile = Path.of(settings.keyFile()).toAbsolutePath();
        }
        Path publicFile = publicFileOf(keyFile);
        try {
            this.signingKey = SigningKey.read(keyFile);
            this.publicKey = TrustedKey.read(publicFile);
            // The pair must match, or every server would refuse every feed.
            byte[] probe = "ksamu hub key check".getBytes(StandardCharsets.UTF_8);
            TrustedKeys.of(publicKey).verifyFeed(probe, signingKey.sign(probe), Channel.TEST);
        } catch (ReleaseException e) {
            throw new InvalidSettingException(KEY, keyFile.toString(), "ключ хаба не читается или не совпадает с "
                    + publicFile.getFileName() + ": " + e.russian(), "the hub key cannot be used with "
                    + publicFile.getFileName() + ": " + e.english(), e);
        }
        log.info("{} ключ хаба (подписывает ленты каналов), id {}; закрепите его на каждом сервере / {} hub feed key,"
                        + " id {}; every server must pin it: {}", generated ? "Создан" : "Загружен", publicKey.keyId(),
                generated ? "generated the" : "loaded the", publicKey.keyId(), publicKey.toText());
    }

    SigningKey signingKey() {
        return signingKey;
    }

    TrustedKey publicKey() {
        return publicKey;
    }

    /** {@code name.key} → {@code name.pub} in the same folder. */
    static Path publicFileOf(Path keyFile) {
        String name = keyFile.getFileName().toString();
        String base = name.endsWith(SigningKeyPair.PRIVATE_SUFFIX)
                ? name.substring(0, name.length() - SigningKeyPair.PRIVATE_SUFFIX.length()) : name;
        return keyFile.resolveSibling(base + SigningKeyPair.PUBLIC_SUFFIX);
    }
}
