package ru.ksamu.release.manifest;

import java.util.List;

import ru.ksamu.release.InvalidArgumentException;

/**
 * Size limits of a release, checked when a bundle is built and again when it is opened, so that
 * a hostile bundle cannot fill a disk.
 *
 * @param maxFileSize  largest single file, in bytes
 * @param maxTotalSize largest sum of all files, in bytes
 * @param maxFiles     most files in one release
 */
public record Limits(long maxFileSize, long maxTotalSize, int maxFiles) {

    /** Default largest file: 2 GiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 2L << 30;
    /** Default largest release: 16 GiB. */
    public static final long DEFAULT_MAX_TOTAL_SIZE = 16L << 30;
    /** Default most files: 100 000. */
    public static final int DEFAULT_MAX_FILES = 100_000;
    /** Largest signed document (release.json, a channel feed): 32 MiB, whatever the limits. */
    public static final int MAX_DOCUMENT_BYTES = 32 << 20;
    /** The default limits. */
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOTAL_SIZE, DEFAULT_MAX_FILES);

    /** Refuses limits that are not positive. */
    public Limits {
        if (maxFileSize <= 0 || maxTotalSize <= 0 || maxFiles <= 0) {
            String text = maxFileSize + "/" + maxTotalSize + "/" + maxFiles;
            throw new InvalidArgumentException(text, "Пределы размера должны быть положительными: " + text,
                    "size limits must be positive: " + text);
        }
    }

    /**
     * Checks the files of a release against these limits.
     *
     * @throws SizeLimitException naming the first file, or the total, over a limit
     */
    public void check(List<ManifestEntry> files) {
        if (files.size() > maxFiles) {
            throw SizeLimitException.count(files.size(), maxFiles);
        }
        long total = 0;
        for (ManifestEntry file : files) {
            if (file.size() > maxFileSize) {
                throw SizeLimitException.file(file.path(), file.size(), maxFileSize);
            }
            total += file.size();
            if (total > maxTotalSize) {
                throw SizeLimitException.total(total, maxTotalSize);
            }
        }
    }
}
