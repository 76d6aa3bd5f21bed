package ru.ksamu.release.signing;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/**
 * A public Ed25519 key and its id (the first 16 hex digits of the SHA-256 of its X.509
 * encoding). Its file holds one line {@code <key id> <Base64 of the X.509 encoding>}; the id is
 * checked against the key when read.
 *
 * @param keyId     the key's id
 * @param publicKey the key
 */
public record TrustedKey(String keyId, PublicKey publicKey) {

    /** Refuses an id that does not belong to the key. */
    public TrustedKey {
        Objects.requireNonNull(publicKey, "publicKey");
        String actual = KeyText.keyId(publicKey);
        if (!actual.equals(keyId)) {
            throw new MalformedKeyException(String.valueOf(keyId), "id не совпадает с ключом " + actual,
                    "the id does not match the key's id " + actual, null);
        }
    }

    /** The trusted key for a public key, its id computed. */
    public static TrustedKey of(PublicKey publicKey) {
        return new TrustedKey(KeyText.keyId(publicKey), publicKey);
    }

    /**
     * Reads a public key file.
     *
     * @throws MalformedKeyException naming the file
     */
    public static TrustedKey read(Path file) {
        return parse(KeyText.readSmall(file), file.toString());
    }

    /**
     * Reads the text form of a public key, e.g. from a setting that pins it.
     *
     * @param source where it came from, for messages
     * @throws MalformedKeyException naming the source
     */
    public static TrustedKey parse(String text, String source) {
        KeyText.Parsed parsed = KeyText.parse(text);
        if (parsed == null) {
            throw new MalformedKeyException(source, "нужна строка «id-ключа Base64»",
                    "expected one line \"<key id> <Base64>\"", null);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance(KeyText.ALGORITHM).generatePublic(new X509EncodedKeySpec(parsed.value()));
        } catch (GeneralSecurityException e) {
            throw new MalformedKeyException(source, "это не открытый ключ Ed25519 (X.509)",
                    "not an Ed25519 public key (X.509)", e);
        }
        String actual = KeyText.keyId(key);
        if (!actual.equals(parsed.keyId())) {
            throw new MalformedKeyException(source, "id " + parsed.keyId() + " не совпадает с ключом " + actual,
                    "id " + parsed.keyId() + " does not match the key's id " + actual, null);
        }
        return new TrustedKey(actual, key);
    }

    /** The text form, one line without a line break (the key file adds one). */
    public String toText() {
        return KeyText.format(keyId, publicKey.getEncoded());
    }

    /** Whether the signature is by this key and verifies over the data. */
    boolean verifies(byte[] data, DetachedSignature signature) {
        if (!keyId.equals(signature.keyId())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(KeyText.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature.bytes());
        } catch (GeneralSecurityException e) {
            // A malformed signature value is simply a signature that does not verify.
            return false;
        }
    }
}
