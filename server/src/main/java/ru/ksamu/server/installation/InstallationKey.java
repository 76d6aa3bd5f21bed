package ru.ksamu.server.installation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import ru.ksamu.release.signing.InstallationIdentity;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.TrustedKey;

/**
 * This installation's key pair and the id derived from it
 * ({@link ru.ksamu.release.signing.InstallationIdentity#idOf}): what signs its reports to the hub.
 */
public record InstallationKey(UUID id, SigningKey signingKey, TrustedKey publicKey) {

    public static final String PUBLIC_KEY_HEADER = "X-Ksamu-Installation-Public-Key";
    public static final String SENT_AT_HEADER = "X-Ksamu-Sent-At";
    public static final String SIGNATURE_HEADER = "X-Ksamu-Signature";

    /**
     * The headers that bind a report to this installation, as the hub checks them: the public key
     * ({@value #PUBLIC_KEY_HEADER}), the time of sending ({@value #SENT_AT_HEADER},
     * {@link Instant#toString()}) and the signature over the id, that time and the body exactly as
     * sent ({@value #SIGNATURE_HEADER}, {@link InstallationIdentity#signReport}). One place for
     * every signed report (statistics, update reports).
     */
    public Map<String, String> signedHeaders(byte[] body, Instant sentAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(PUBLIC_KEY_HEADER, publicKey.toText());
        headers.put(SENT_AT_HEADER, sentAt.toString());
        headers.put(SIGNATURE_HEADER, InstallationIdentity.signReport(signingKey, id, sentAt, body).toText());
        return headers;
    }
}
