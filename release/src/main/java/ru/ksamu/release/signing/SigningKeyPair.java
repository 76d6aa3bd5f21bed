package ru.ksamu.release.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.regex.Pattern;

import ru.ksamu.release.AlreadyExistsException;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.internal.Texts;

/**
 * A new Ed25519 key pair: the private half to sign with, the public half to pin.
 *
 * @param signingKey the private half
 * @param trustedKey the public half
 */
public record SigningKeyPair(SigningKey signingKey, TrustedKey trustedKey) {

    /** Extension of a private key file. */
    public static final String PRIVATE_SUFFIX = ".key";
    /** Extension of a public key file. */
    public static final String PUBLIC_SUFFIX = ".pub";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Generates a pair with the JDK's Ed25519 and its strong random source. */
    public static SigningKeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(KeyText.ALGORITHM).generateKeyPair();
            TrustedKey trusted = TrustedKey.of(pair.getPublic());
            return new SigningKeyPair(new SigningKey(trusted.keyId(), pair.getPrivate()), trusted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no Ed25519", e);
        }
    }

    /**
     * Writes {@code NAME.key} (owner read/write only, where the file system has POSIX
     * permissions) and {@code NAME.pub} into a folder, creating it if needed.
     *
     * @param name letters, digits, '-' or '_', e.g. {@code release} or {@code hub}
     * @return the private key file; the public one lies beside it
     * @throws AlreadyExistsException if either file exists (nothing is written then)
     */
    public Path writeTo(Path folder, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidArgumentException(name, "Неверное имя ключа " + Texts.quote(name)
                    + ": нужны латинские буквы, цифры, '-' или '_'",
                    "invalid key name " + Texts.quote(name) + ": use Latin letters, digits, '-' or '_'");
        }
        Path privateFile = folder.resolve(name + PRIVATE_SUFFIX);
        Path publicFile = folder.resolve(name + PUBLIC_SUFFIX);
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new AlreadyExistsException(file);
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new ReleaseIoException(folder, e);
        }
        create(privateFile, signingKey.toText(), true);
        create(publicFile, trustedKey.toText(), false);
        return privateFile;
    }

    private static void create(Path file, String text, boolean secret) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            // createFile fails if the file exists, so a race cannot overwrite a key either.
            Files.createFile(file, attributes);
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException(file);
        } catch (IOException e) {
            throw new ReleaseIoException(file, e);
        }
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "SigningKeyPair[" + trustedKey.keyId() + "]";
    }
}
