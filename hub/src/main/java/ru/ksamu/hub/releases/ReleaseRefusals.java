package ru.ksamu.hub.releases;

import ru.ksamu.hub.HubRefusal;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.Version;

/** The hub's own refusals about releases; each names the release or the upload. */
final class ReleaseRefusals {

    private ReleaseRefusals() {
    }

    /** A version is published once, forever (also after a withdrawal). */
    static final class ReleaseExistsException extends HubRefusal {
        final Version version;

        ReleaseExistsException(Version version) {
            super(ErrorCode.RELEASE_EXISTS, 409,
                    "Релиз " + version + " уже опубликован; версию нельзя опубликовать повторно, выпустите новую",
                    "release " + version + " is already published; a version cannot be published twice, build a new one");
            this.version = version;
        }
    }

    static final class ReleaseNotFoundException extends HubRefusal {
        final Version version;

        ReleaseNotFoundException(Version version) {
            super(ErrorCode.RELEASE_NOT_FOUND, 404, "Релиза " + version + " нет на хабе", "no release " + version + " on this hub");
            this.version = version;
        }
    }

    /** A withdrawn release cannot come back into a feed. */
    static final class ReleaseWithdrawnException extends HubRefusal {
        final Version version;

        ReleaseWithdrawnException(Version version) {
            super(ErrorCode.INVALID_ARGUMENT, 409,
                    "Релиз " + version + " отозван и не может быть переведён в канал",
                    "release " + version + " is withdrawn and cannot join a channel");
            this.version = version;
        }
    }

    /** The request body ended before its declared length: nothing is kept. */
    static final class UploadTruncatedException extends HubRefusal {
        final long declared;
        final long received;

        UploadTruncatedException(long declared, long received) {
            super(ErrorCode.MALFORMED_BUNDLE, 400,
                    "Загрузка оборвалась: получено " + received + " байт" + (declared < 0 ? "" : " из " + declared)
                            + "; ничего не сохранено",
                    "the upload ended early: " + received + (declared < 0 ? "" : " of " + declared)
                            + " bytes received; nothing was stored");
            this.declared = declared;
            this.received = received;
        }
    }

    /** No vendor key is pinned, so no bundle can be trusted. */
    static final class NoReleaseKeyException extends HubRefusal {
        NoReleaseKeyException() {
            super(ErrorCode.UNTRUSTED_KEY, 422,
                    "Хаб не доверяет ни одному ключу релизов: задайте " + PublishSettings.KEYS,
                    "the hub trusts no release key: set " + PublishSettings.KEYS);
        }
    }

    /** Only the stable channel can be promoted to. */
    static final class PromoteTargetException extends HubRefusal {
        PromoteTargetException(String to) {
            super(ErrorCode.INVALID_ARGUMENT, 400,
                    "Перевести релиз можно только в канал stable, а не \"" + to + "\"",
                    "a release can only be promoted to stable, not \"" + to + "\"");
        }
    }

    /** A mirror takes its releases from its upstream only: publishing, promoting and withdrawing happen there. */
    static final class MirrorReadOnlyException extends HubRefusal {
        final String upstream;

        MirrorReadOnlyException(String upstream) {
            super(ErrorCode.INVALID_ARGUMENT, 409,
                    "Этот хаб — зеркало " + upstream + ": публиковать, переводить и отзывать релизы нужно на нём,"
                            + " зеркало повторит изменения при следующей синхронизации",
                    "this hub mirrors " + upstream + ": publish, promote and withdraw releases there; the mirror"
                            + " follows at its next sync");
            this.upstream = upstream;
        }
    }
}
