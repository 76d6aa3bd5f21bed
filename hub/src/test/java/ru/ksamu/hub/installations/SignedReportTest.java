package ru.ksamu.hub.installations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import ru.ksamu.release.signing.SigningKeyPair;

class SignedReportTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:04.123Z");
    private static final Duration SKEW = Duration.ofMinutes(10);

    private final Clinic clinic = new Clinic();

    private static SignedReport read(Clinic.Signed s) {
        return read(s.id().toString(), headers(s));
    }

    private static SignedReport read(String id, Map<String, String> headers) {
        return SignedReport.read(id, headers::get);
    }

    private static Map<String, String> headers(Clinic.Signed s) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < s.headers().length; i += 2) {
            h.put(s.headers()[i], s.headers()[i + 1]);
        }
        return h;
    }

    private static StatsRefusal refusal(Runnable r) {
        try {
            r.run();
        } catch (StatsRefusal e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theInstallationsOwnSignedReportVerifiesWithinTheSkew() {
        Clinic.Signed s = clinic.sign("{}", NOW);
        SignedReport r = read(s);
        assertThat(r.id()).isEqualTo(clinic.id);
        assertThat(r.sentAtText()).isEqualTo("2026-12-02T03:00:04.123Z");
        assertThatCode(() -> r.verify(s.body(), NOW.plus(SKEW), SKEW)).doesNotThrowAnyException();
        assertThatCode(() -> r.verify(s.body(), NOW.minus(SKEW), SKEW)).doesNotThrowAnyException();
    }

    @Test
    void aSendingTimeOutsideTheSkewIsRefusedEitherWay() {
        Clinic.Signed s = clinic.sign("{}", NOW);
        SignedReport r = read(s);
        StatsRefusal late = refusal(() -> r.verify(s.body(), NOW.plus(SKEW).plusMillis(1), SKEW));
        StatsRefusal early = refusal(() -> r.verify(s.body(), NOW.minus(SKEW).minusMillis(1), SKEW));
        assertThat(late.problem().status()).isEqualTo(409);
        assertThat(late.problem().code().name()).isEqualTo("CLOCK_SKEW");
        assertThat(early.problem().code().name()).isEqualTo("CLOCK_SKEW");
    }

    @Test
    void anotherKeyOrAChangedBodyOrTimeIsTheWrongKey() {
        Clinic.Signed squatter = Clinic.signAs(SigningKeyPair.generate(), clinic.id, "{}", NOW);
        StatsRefusal notTheKeys = refusal(() -> read(squatter).verify(squatter.body(), NOW, SKEW));
        assertThat(notTheKeys.problem().status()).isEqualTo(403);
        assertThat(notTheKeys.problem().code().name()).isEqualTo("WRONG_KEY");
        assertThat(notTheKeys.getMessage()).contains(clinic.id.toString());

        Clinic.Signed s = clinic.sign("{}", NOW);
        assertThat(refusal(() -> read(s).verify("{ }".getBytes(StandardCharsets.UTF_8), NOW, SKEW)).problem().code().name()).isEqualTo("WRONG_KEY");
        // The signature covers the time's characters as sent: the same instant written otherwise does not verify.
        Clinic.Signed rewritten = s.withHeader("X-Ksamu-Sent-At", "2026-12-02T03:00:04.123000Z");
        assertThat(read(rewritten).sentAt()).isEqualTo(NOW);
        assertThat(refusal(() -> read(rewritten).verify(s.body(), NOW, SKEW)).problem().code().name()).isEqualTo("WRONG_KEY");
    }

    @Test
    void headersAreCheckedInOrderAndNamed() {
        Clinic.Signed s = clinic.sign("{}", NOW);
        Map<String, String> h = headers(s);
        assertThat(refusal(() -> read("not-a-uuid", h)).problem().code().name()).isEqualTo("INVALID_ARGUMENT");
        assertThat(refusal(() -> read("1-2-3-4-5", h)).problem().code().name()).isEqualTo("INVALID_ARGUMENT");

        Map<String, String> old = new HashMap<>(h);
        old.put("X-Ksamu-Installation-Key", "secret");
        assertThat(refusal(() -> read(clinic.id.toString(), old)).problem().code().name()).isEqualTo("OUTDATED_SERVER");

        for (String name : h.keySet()) {
            Map<String, String> missing = new HashMap<>(h);
            missing.remove(name);
            StatsRefusal e = refusal(() -> read(clinic.id.toString(), missing));
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().code().name()).isEqualTo("MISSING_SIGNATURE_HEADER");
            assertThat(e.getMessage()).contains(name);

            Map<String, String> malformed = new HashMap<>(h);
            malformed.put(name, "x".repeat(201));
            assertThat(refusal(() -> read(clinic.id.toString(), malformed)).problem().code().name()).isEqualTo("MALFORMED_SIGNATURE_HEADER");
        }
        Map<String, String> rsa = new HashMap<>(h);
        rsa.put("X-Ksamu-Installation-Public-Key", "0123456789abcdef AAAA");
        assertThat(refusal(() -> read(clinic.id.toString(), rsa)).getMessage()).contains("X-Ksamu-Installation-Public-Key");
        Map<String, String> time = new HashMap<>(h);
        time.put("X-Ksamu-Sent-At", "2026-12-02 03:00");
        assertThat(refusal(() -> read(clinic.id.toString(), time)).getMessage()).contains("X-Ksamu-Sent-At");
        Map<String, String> sig = new HashMap<>(h);
        sig.put("X-Ksamu-Signature", clinic.keys.trustedKey().toText());
        assertThat(refusal(() -> read(clinic.id.toString(), sig)).getMessage()).contains("X-Ksamu-Signature");
    }

    @Test
    void theIdOfThePathIsReadInUpperCaseToo() {
        Clinic.Signed s = clinic.sign("{}", NOW);
        SignedReport r = read(clinic.id.toString().toUpperCase(java.util.Locale.ROOT), headers(s));
        assertThat(r.id()).isEqualTo(clinic.id);
        assertThatCode(() -> r.verify(s.body(), NOW, SKEW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> read(UUID.randomUUID().toString(), headers(s)).verify(s.body(), NOW, SKEW))
                .isInstanceOf(StatsRefusal.class);
    }
}
