package ru.ksamu.release.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InstallationIdentityTest {

    private static final byte[] BODY = "{\"region\":\"09\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.parse("2026-12-02T03:00:04Z");

    private final SigningKeyPair clinic = SigningKeyPair.generate();
    private final SigningKeyPair squatter = SigningKeyPair.generate();

    @Test
    void theIdIsAStableVersion8UuidOfTheKey() {
        UUID id = InstallationIdentity.idOf(clinic.trustedKey());
        assertThat(InstallationIdentity.idOf(TrustedKey.parse(clinic.trustedKey().toText(), "test"))).isEqualTo(id);
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(InstallationIdentity.idOf(squatter.trustedKey())).isNotEqualTo(id);
    }

    @Test
    void aReportSignedByTheInstallationVerifies() {
        UUID id = InstallationIdentity.idOf(clinic.trustedKey());
        DetachedSignature s = InstallationIdentity.signReport(clinic.signingKey(), id, SENT, BODY);
        assertThat(InstallationIdentity.verifiesReport(clinic.trustedKey(), id, SENT.toString(), BODY, s)).isTrue();
    }

    @Test
    void anotherKeyCannotSpeakForTheId() {
        UUID id = InstallationIdentity.idOf(clinic.trustedKey());
        DetachedSignature s = InstallationIdentity.signReport(squatter.signingKey(), id, SENT, BODY);
        assertThat(InstallationIdentity.verifiesReport(squatter.trustedKey(), id, SENT.toString(), BODY, s)).isFalse();
    }

    @Test
    void aChangedBodyTimeOrIdDoesNotVerify() {
        UUID id = InstallationIdentity.idOf(clinic.trustedKey());
        DetachedSignature s = InstallationIdentity.signReport(clinic.signingKey(), id, SENT, BODY);
        byte[] other = "{\"region\":\"10\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(InstallationIdentity.verifiesReport(clinic.trustedKey(), id, SENT.toString(), other, s)).isFalse();
        assertThat(InstallationIdentity.verifiesReport(clinic.trustedKey(), id, SENT.plusSeconds(1).toString(), BODY, s)).isFalse();
        assertThat(InstallationIdentity.verifiesReport(clinic.trustedKey(), UUID.randomUUID(), SENT.toString(), BODY, s)).isFalse();
    }
}
