package ru.ksamu.release.signing;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * A private Ed25519 key with the id of its public half. Its file holds one line
 * {@code <key id> <Base64 of the PKCS#8 encoding>}; keep it secret.
 *
 * @param keyId      the id of the matching public key
 * @param privateKey the key
 */
public record SigningKey(String keyId, PrivateKey privateKey) {

    /** Checks that both parts are present. */
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Signs bytes exactly as given. */
    public DetachedSignature sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(KeyText.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return new DetachedSignature(keyId, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed with key " + keyId, e);
        }
    }

    /**
     * Reads a private key file.
     *
     * @throws MalformedKeyException naming the file
     */
    public static SigningKey read(Path file) {
        return parse(KeyText.readSmall(file), file.toString());
    }

    /**
     * Reads the text form of a private key.
     *
     * @param source where it came from, for messages
     * @throws MalformedKeyException naming the source
     */
    public static SigningKey parse(String text, String source) {
        KeyText.Parsed parsed = KeyText.parse(text);
        if (parsed == null) {
            throw new MalformedKeyException(source, "нужна строка «id-ключа Base64»",
                    "expected one line \"<key id> <Base64>\"", null);
        }
        try {
            PrivateKey key = KeyFactory.getInstance(KeyText.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(parsed.value()));
            return new SigningKey(parsed.keyId(), key);
        } catch (GeneralSecurityException e) {
            throw new MalformedKeyException(source, "это не закрытый ключ Ed25519 (PKCS#8)",
                    "not an Ed25519 private key (PKCS#8)", e);
        }
    }

    /**
     * The text form, one line without a line break (the key file adds one). It is the private key
     * itself: only for storing it where it is kept secret.
     */
    public String toText() {
        return KeyText.format(keyId, privateKey.getEncoded());
    }

    /** Never shows the key itself. */
    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
