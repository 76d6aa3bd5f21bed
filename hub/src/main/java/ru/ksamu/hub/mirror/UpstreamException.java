package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.files.Sizes;

/** Why a mirror could not take something from its upstream; the message names the upstream. */
final class UpstreamException extends ReleaseException {

    private UpstreamException(ErrorCode code, String russian, String english, Throwable cause) {
        super(code, russian, english, cause);
    }

    /** The upstream did not answer, or answered with something other than its file or feed. */
    static UpstreamException unreachable(String upstream, String what, IOException cause) {
        // A proxy's refusal is said in its own words (naming the proxy and its setting, never the password).
        String russian = cause instanceof UpstreamClient.ProxyFailure p ? p.getMessage() : cause.toString();
        String english = cause instanceof UpstreamClient.ProxyFailure p ? p.english() : cause.toString();
        return new UpstreamException(ErrorCode.HUB_UNREACHABLE,
                "вышестоящий хаб " + upstream + " не отдал " + what + ": " + russian,
                "the upstream hub " + upstream + " did not deliver " + what + ": " + english, cause);
    }

    /** Not enough free space for a release's files: nothing of it is offered. */
    static UpstreamException diskFull(Version version, Path folder, long needed, long usable) {
        return new UpstreamException(ErrorCode.IO,
                "на диске папки " + folder + " свободно " + Sizes.russian(usable) + ", а файлам релиза " + version
                        + " нужно " + Sizes.russian(needed) + "; освободите место",
                "the disk of " + folder + " has " + Sizes.of(usable, Locale.ENGLISH) + " free but the files of release "
                        + version + " need " + Sizes.of(needed, Locale.ENGLISH) + "; free some space", null);
    }

    /** A file could not be written or moved into place here. */
    static UpstreamException local(Path file, IOException cause) {
        return new UpstreamException(ErrorCode.IO, "не записать " + file + ": " + cause,
                "cannot write " + file + ": " + cause, cause);
    }
}
