package ru.ksamu.release.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.ksamu.release.AlreadyExistsException;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;

class SigningTest {

    private static final Version VERSION = Version.parse("6.0.51.22966");
    private static final byte[] DATA = "{\"version\":\"6.0.51.22966\"}".getBytes(StandardCharsets.UTF_8);

    private final SigningKeyPair vendor = SigningKeyPair.generate();

    @TempDir
    Path temp;

    @Test
    void aSignatureByAPinnedKeyVerifies() {
        DetachedSignature signature = vendor.signingKey().sign(DATA);

        TrustedKeys.of(vendor.trustedKey()).verifyRelease(DATA, signature, VERSION);
        assertThat(signature.keyId()).isEqualTo(vendor.trustedKey().keyId());
    }

    @Test
    void keyIdIsTheStartOfTheSha256OfThePublicEncoding() {
        String expected = Sha256.of(vendor.trustedKey().publicKey().getEncoded()).substring(0, 16);

        assertThat(vendor.trustedKey().keyId()).isEqualTo(expected).hasSize(16);
    }

    @Test
    void aTamperedManifestIsRefusedNamingTheKeyAndTheVersion() {
        DetachedSignature signature = vendor.signingKey().sign(DATA);
        byte[] tampered = DATA.clone();
        tampered[5] ^= 1;

        assertThatThrownBy(() -> TrustedKeys.of(vendor.trustedKey()).verifyRelease(tampered, signature, VERSION))
                .isInstanceOf(BadSignatureException.class)
                .hasMessage("Релиз 6.0.51.22966: подпись ключом " + signature.keyId()
                        + " не сходится (содержимое изменено или подпись повреждена) / release 6.0.51.22966: the signature by key "
                        + signature.keyId() + " does not verify (the content was changed or the signature is damaged)")
                .satisfies(e -> assertThat(((BadSignatureException) e).code()).isEqualTo(ErrorCode.BAD_SIGNATURE));
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedAsUntrustedNamingTheKeyAndTheVersion() {
        SigningKeyPair stranger = SigningKeyPair.generate();
        DetachedSignature signature = stranger.signingKey().sign(DATA);

        assertThatThrownBy(() -> TrustedKeys.of(vendor.trustedKey()).verifyRelease(DATA, signature, VERSION))
                .isInstanceOf(UntrustedKeyException.class)
                .hasMessageContaining("Релиз 6.0.51.22966: подписан ключом " + stranger.trustedKey().keyId())
                .hasMessageContaining("(trusted: " + vendor.trustedKey().keyId() + ")")
                .satisfies(e -> {
                    assertThat(((UntrustedKeyException) e).keyId()).isEqualTo(stranger.trustedKey().keyId());
                    assertThat(((UntrustedKeyException) e).subject()).isEqualTo("release 6.0.51.22966");
                });
    }

    @Test
    void aSignatureClaimingAPinnedKeyIdButMadeByAnotherKeyIsBad() {
        DetachedSignature forged = new DetachedSignature(vendor.trustedKey().keyId(),
                SigningKeyPair.generate().signingKey().sign(DATA).value());

        assertThatThrownBy(() -> TrustedKeys.of(vendor.trustedKey()).verifyFeed(DATA, forged, Channel.STABLE))
                .isInstanceOf(BadSignatureException.class).hasMessageContaining("Лента канала stable");
    }

    @Test
    void keyFilesRoundTripAndThePrivateOneIsOwnerOnly() throws IOException {
        Path privateFile = vendor.writeTo(temp.resolve("keys"), "release");
        Path publicFile = temp.resolve("keys/release.pub");

        SigningKey signingKey = SigningKey.read(privateFile);
        TrustedKey trustedKey = TrustedKey.read(publicFile);
        TrustedKeys.of(trustedKey).verifyRelease(DATA, signingKey.sign(DATA), VERSION);
        assertThat(trustedKey).isEqualTo(vendor.trustedKey());
        assertThat(Files.readString(publicFile)).isEqualTo(vendor.trustedKey().toText() + "\n")
                .startsWith(trustedKey.keyId() + " MCow");
        assertThat(signingKey.toString()).doesNotContain("MC4C");
        Assumptions.assumeTrue(Files.getFileStore(privateFile).supportsFileAttributeView("posix"));
        assertThat(Files.getPosixFilePermissions(privateFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void keygenRefusesToOverwriteEitherFile() throws IOException {
        Files.createDirectories(temp);
        Files.writeString(temp.resolve("hub.pub"), "old");

        assertThatThrownBy(() -> vendor.writeTo(temp, "hub")).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("hub.pub");
        assertThat(temp.resolve("hub.key")).doesNotExist();
        assertThat(Files.readString(temp.resolve("hub.pub"))).isEqualTo("old");
        assertThatThrownBy(() -> vendor.writeTo(temp, "../evil")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aPublicKeyWhoseIdDoesNotMatchIsRefused() {
        String text = vendor.trustedKey().toText();
        String wrongId = "0000000000000000" + text.substring(16);

        assertThatThrownBy(() -> TrustedKey.parse(wrongId, "hub.pub")).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("hub.pub").hasMessageContaining(vendor.trustedKey().keyId());
    }

    @Test
    void malformedKeyAndSignatureTextsAreRefusedNamingTheirSource() {
        assertThatThrownBy(() -> TrustedKey.parse("not a key", "release.pub")).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("Ключ release.pub не читается");
        assertThatThrownBy(() -> SigningKey.parse("0123456789abcdef AAAA", "release.key"))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining("not an Ed25519 private key");
        assertThatThrownBy(() -> TrustedKey.parse(vendor.signingKey().toText(), "release.pub"))
                .isInstanceOf(MalformedKeyException.class);
        assertThatThrownBy(() -> DetachedSignature.parse("0123456789abcdef AAAA", "release.sig"))
                .isInstanceOf(MalformedSignatureException.class).hasMessageContaining("release.sig")
                .satisfies(e -> assertThat(((MalformedSignatureException) e).code()).isEqualTo(ErrorCode.MALFORMED_SIGNATURE));
    }

    @Test
    void signatureTextRoundTripsWithATrailingNewlineOrByteOrderMark() {
        DetachedSignature signature = vendor.signingKey().sign(DATA);

        assertThat(DetachedSignature.parse(signature.toText() + "\r\n", "release.sig")).isEqualTo(signature);
        assertThat(DetachedSignature.parse("\uFEFF" + signature.toText(), "release.sig")).isEqualTo(signature);
    }

    @Test
    void anEmptySetOfTrustedKeysIsRefused() {
        assertThatThrownBy(() -> TrustedKeys.of(Set.of())).isInstanceOf(InvalidArgumentException.class);
    }
}
