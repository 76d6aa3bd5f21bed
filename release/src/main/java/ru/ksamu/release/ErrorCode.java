package ru.ksamu.release;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stable codes of every refusal of the release library. The names are a wire format: they
 * appear as the {@code code} field of HTTP error bodies and never change meaning; each belongs
 * to a {@link Family} whose number is the exit code of the {@code ksamu release} CLI.
 */
public enum ErrorCode {
    INVALID_VERSION(Family.INPUT),
    INVALID_ARGUMENT(Family.INPUT),
    UNSAFE_PATH(Family.CONTENT),
    DUPLICATE_PATH(Family.CONTENT),
    SIZE_LIMIT(Family.CONTENT),
    MALFORMED_MANIFEST(Family.CONTENT),
    MALFORMED_BUNDLE(Family.CONTENT),
    MISSING_FILE(Family.CONTENT),
    EXTRA_FILE(Family.CONTENT),
    HASH_MISMATCH(Family.INTEGRITY),
    SIZE_MISMATCH(Family.INTEGRITY),
    BAD_SIGNATURE(Family.TRUST),
    UNTRUSTED_KEY(Family.TRUST),
    MALFORMED_KEY(Family.TRUST),
    MALFORMED_SIGNATURE(Family.TRUST),
    FEED_EXPIRED(Family.FEED),
    FEED_REPLAYED(Family.FEED),
    FEED_WRONG_CHANNEL(Family.FEED),
    MALFORMED_FEED(Family.FEED),
    IO(Family.LOCAL_IO),
    ALREADY_EXISTS(Family.LOCAL_IO),
    HUB_UNREACHABLE(Family.HUB),
    HUB_UNAUTHORIZED(Family.HUB),
    RELEASE_EXISTS(Family.HUB),
    RELEASE_NOT_FOUND(Family.HUB),
    HUB_ERROR(Family.HUB);

    private final Family family;

    ErrorCode(Family family) {
        this.family = family;
    }

    /** The family this code belongs to. */
    public Family family() {
        return family;
    }

    /** The CLI exit code for this refusal: the number of its family. */
    public int exitCode() {
        return family.exitCode();
    }

    /** Looks a code up by its wire name (exact, upper case); empty for an unknown name. */
    public static Optional<ErrorCode> fromWire(String name) {
        return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
    }

    /** Groups of codes; the number of each is a CLI exit code (0 is success, 1 a usage error). */
    public enum Family {
        /** A bad version, channel, region or other argument. */
        INPUT(2, "неверные входные данные (версия, канал, регион)", "invalid input (version, channel, region)"),
        /** A bundle or manifest that is unsafe or malformed: paths, duplicates, limits, missing or extra files. */
        CONTENT(3, "недопустимое содержимое релиза", "unsafe or malformed release content"),
        /** A file whose size or SHA-256 differs from the manifest. */
        INTEGRITY(4, "файл не совпадает с манифестом", "a file does not match the manifest"),
        /** A signature that does not verify, an unknown key, an unreadable key or signature. */
        TRUST(5, "подпись или ключ отвергнуты", "signature or key refused"),
        /** A channel feed that is expired, replayed, for another channel or malformed. */
        FEED(6, "лента канала отвергнута", "channel feed refused"),
        /** Reading or writing local files failed, or a file would be overwritten. */
        LOCAL_IO(7, "ошибка ввода-вывода", "local I/O error"),
        /** The hub refused the request or could not be reached. */
        HUB(8, "хаб отказал или недоступен", "the hub refused or is unreachable");

        private final int exitCode;
        private final String russian;
        private final String english;

        Family(int exitCode, String russian, String english) {
            this.exitCode = exitCode;
            this.russian = russian;
            this.english = english;
        }

        /** The CLI exit code of this family. */
        public int exitCode() {
            return exitCode;
        }

        /** A short description, Russian first and English after " / ". */
        public String description() {
            return russian + " / " + english;
        }
    }
}
