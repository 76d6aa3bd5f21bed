package ru.ksamu.release.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import ru.ksamu.release.Sha256;

/**
 * How a clinic server proves to the hub that it is the installation it names. Each installation
 * has its own Ed25519 key pair; its id is derived from the public key, so nobody can take another
 * installation's id with a key of their own (the hub checks the derivation), and every report is
 * signed over its id, its time of sending and its exact bytes.
 */
public final class InstallationIdentity {

    /** The first line of every signed report message: which protocol the signature is for. */
    public static final String REPORT_CONTEXT = "ksamu-installation-report-v1";

    private InstallationIdentity() {
    }

    /**
     * The installation id that belongs to a public key: the first 16 bytes of the SHA-256 of its
     * X.509 encoding as a UUID, with the version (8, "custom") and variant bits of RFC 9562.
     */
    public static UUID idOf(TrustedKey key) {
        Objects.requireNonNull(key, "key");
        MessageDigest digest = Sha256.newDigest();
        byte[] hash = digest.digest(key.publicKey().getEncoded());
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /**
     * The bytes a report's signature covers: the context line, the id, the sending time (ISO-8601,
     * as sent) and then the body exactly as sent.
     */
    public static byte[] reportMessage(UUID id, String sentAt, byte[] body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(body, "body");
        byte[] head = (REPORT_CONTEXT + "\n" + id + "\n" + sentAt + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** Signs a report of the installation whose key this is. */
    public static DetachedSignature signReport(SigningKey key, UUID id, Instant sentAt, byte[] body) {
        return key.sign(reportMessage(id, sentAt.toString(), body));
    }

    /**
     * Whether a report comes from the installation it names: the id is the key's, and the
     * signature is by that key over the id, the sending time and the body.
     */
    public static boolean verifiesReport(TrustedKey key, UUID id, String sentAt, byte[] body, DetachedSignature signature) {
        return idOf(key).equals(id) && key.verifies(reportMessage(id, sentAt, body), signature);
    }
}
