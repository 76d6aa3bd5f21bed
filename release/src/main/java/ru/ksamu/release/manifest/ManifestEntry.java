package ru.ksamu.release.manifest;

import java.util.Objects;

import ru.ksamu.release.Sha256;

/**
 * One file of a release.
 *
 * @param path   a {@link SafePath safe} path, e.g. {@code client/app.jar}
 * @param size   its size in bytes
 * @param sha256 its SHA-256, 64 lowercase hex digits
 * @param role   its role, which must match the path's top-level folder
 */
public record ManifestEntry(String path, long size, String sha256, FileRole role) {

    /** Checks the path, the size, the hash and the role; every refusal names the path. */
    public ManifestEntry {
        SafePath.check(path);
        if (size < 0) {
            throw new MalformedManifestException("Файл " + path + ": отрицательный размер " + size,
                    path + " has a negative size " + size);
        }
        if (!Sha256.isHex(sha256)) {
            throw new MalformedManifestException(
                    "Файл " + path + ": SHA-256 должен быть 64 строчными шестнадцатеричными цифрами",
                    path + ": the SHA-256 must be 64 lowercase hex digits");
        }
        Objects.requireNonNull(role, "role");
        FileRole expected = FileRole.ofPath(path);
        if (role != expected) {
            throw new MalformedManifestException(
                    "Файл " + path + ": роль " + role.folder() + " не совпадает с папкой " + expected.folder(),
                    path + ": role " + role.folder() + " does not match its folder " + expected.folder());
        }
    }

    /** An entry whose role is taken from the path's top-level folder. */
    public static ManifestEntry of(String path, long size, String sha256) {
        return new ManifestEntry(path, size, sha256, FileRole.ofPath(SafePath.check(path)));
    }
}
