package ru.ksamu.hub.installations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.InstallationIdentity;
import ru.ksamu.release.signing.SigningKeyPair;

/** A clinic server as the hub meets it: its own key pair, the id derived from it, its signed reports. */
final class Clinic {

    final SigningKeyPair keys = SigningKeyPair.generate();
    final UUID id = InstallationIdentity.idOf(keys.trustedKey());

    /** A report as sent: the id of the path, the body and the three proof headers (name, value, ...). */
    record Signed(UUID id, byte[] body, String[] headers) {
        Signed withBody(String other) {
            return new Signed(id, other.getBytes(StandardCharsets.UTF_8), headers);
        }

        Signed withHeader(String name, String value) {
            String[] h = headers.clone();
            for (int i = 0; i < h.length; i += 2) {
                if (h[i].equals(name)) {
                    h[i + 1] = value;
                }
            }
            return new Signed(id, body, h);
        }

        Signed forId(UUID other) {
            return new Signed(other, body, headers);
        }
    }

    /** This installation's report, signed by its key, sent now. */
    Signed sign(String body) {
        return sign(body, Instant.now());
    }

    Signed sign(String body, Instant sentAt) {
        return signAs(keys, id, body, sentAt);
    }

    /** A report for {@code id} signed with {@code key}: a squatter's, when the key is not the id's. */
    static Signed signAs(SigningKeyPair key, UUID id, String body, Instant sentAt) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        DetachedSignature signature = InstallationIdentity.signReport(key.signingKey(), id, sentAt, bytes);
        return new Signed(id, bytes, new String[] {
                "X-Ksamu-Installation-Public-Key", key.trustedKey().toText(),
                "X-Ksamu-Sent-At", sentAt.toString(),
                "X-Ksamu-Signature", signature.toText()});
    }
}
