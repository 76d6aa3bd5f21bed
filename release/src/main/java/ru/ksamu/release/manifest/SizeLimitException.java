package ru.ksamu.release.manifest;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A file, a release, a file count or a document over its limit (see {@link Limits}). */
public final class SizeLimitException extends ReleaseException {

    private final String subject;
    private final long actual;
    private final long limit;

    private SizeLimitException(String subject, long actual, long limit, String russian, String english) {
        super(ErrorCode.SIZE_LIMIT, russian, english, null);
        this.subject = subject;
        this.actual = actual;
        this.limit = limit;
    }

    /** One file is larger than {@link Limits#maxFileSize()}. */
    public static SizeLimitException file(String path, long size, long limit) {
        return new SizeLimitException(path, size, limit,
                "Файл " + path + ": " + size + " байт, больше предела " + limit,
                path + " has " + size + " bytes, over the limit of " + limit);
    }

    /** All files together are larger than {@link Limits#maxTotalSize()}. */
    public static SizeLimitException total(long size, long limit) {
        return new SizeLimitException("*", size, limit,
                "Файлы релиза занимают " + size + " байт, больше предела " + limit,
                "the release's files take " + size + " bytes, over the limit of " + limit);
    }

    /** More files than {@link Limits#maxFiles()}. */
    public static SizeLimitException count(long count, long limit) {
        return new SizeLimitException("*", count, limit,
                "В релизе " + count + " файлов, больше предела " + limit,
                "the release has " + count + " files, over the limit of " + limit);
    }

    /** A document (release.json, release.sig, a feed, a bundle) is larger than its limit. */
    public static SizeLimitException document(String name, long size, long limit) {
        return new SizeLimitException(name, size, limit,
                name + ": не меньше " + size + " байт, больше предела " + limit,
                name + " has at least " + size + " bytes, over the limit of " + limit);
    }

    /** The file or document over the limit; {@code *} for the whole release. */
    public String subject() {
        return subject;
    }

    /** The size or count found. */
    public long actual() {
        return actual;
    }

    /** The limit it exceeds. */
    public long limit() {
        return limit;
    }
}
