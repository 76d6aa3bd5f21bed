package ru.ksamu.release.bundle;

import java.io.InputStream;
import java.util.Objects;

import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.DetachedSignature;

/**
 * What {@link Bundles#verifyStream} found: either a bundle verified completely in one pass (its
 * files went to the sink), or a zip that does not begin with release.json and release.sig, which
 * must be verified the two-pass way ({@link Bundles#open} on a copy) from {@link #replay()}.
 */
public final class StreamedBundle {

    private final Bundle.VerifiedManifest verified;
    private final InputStream replay;

    private StreamedBundle(Bundle.VerifiedManifest verified, InputStream replay) {
        this.verified = verified;
        this.replay = replay;
    }

    static StreamedBundle verified(Bundle.VerifiedManifest verified) {
        return new StreamedBundle(Objects.requireNonNull(verified), null);
    }

    static StreamedBundle unordered(InputStream replay) {
        return new StreamedBundle(null, Objects.requireNonNull(replay));
    }

    /** True if the bundle was verified in one pass; false if it must be copied and opened. */
    public boolean isVerified() {
        return verified != null;
    }

    /** The verified manifest. */
    public ReleaseManifest manifest() {
        return verifiedOnly().manifest();
    }

    /** The exact bytes of release.json (a copy), as signed. */
    public byte[] manifestBytes() {
        return verifiedOnly().bytes().clone();
    }

    /** The vendor's signature over {@link #manifestBytes()}. */
    public DetachedSignature signature() {
        return verifiedOnly().signature();
    }

    /**
     * For a zip not in the streaming order: the whole input again from its first byte (what was
     * read to find out, then the rest of the stream). Read it to its end once.
     */
    public InputStream replay() {
        if (replay == null) {
            throw new IllegalStateException("The bundle was verified in one pass; there is nothing to replay");
        }
        return replay;
    }

    private Bundle.VerifiedManifest verifiedOnly() {
        if (verified == null) {
            throw new IllegalStateException("The bundle is not in the streaming order; open it from a copy");
        }
        return verified;
    }
}
