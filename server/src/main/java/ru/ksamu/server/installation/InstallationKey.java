package ru.ksamu.server.installation;

import java.util.UUID;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.TrustedKey;

/**
 * This installation's key pair and the id derived from it
 * ({@link ru.ksamu.release.signing.InstallationIdentity#idOf}): what signs its reports to the hub.
 */
public record InstallationKey(UUID id, SigningKey signingKey, TrustedKey publicKey) {
}
