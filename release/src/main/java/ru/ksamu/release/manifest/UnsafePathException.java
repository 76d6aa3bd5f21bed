package ru.ksamu.release.manifest;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.internal.Texts;

/** A path in a release that is refused: traversal, absolute, Windows-unsafe, outside the role folders, a link. */
public final class UnsafePathException extends ReleaseException {

    private final String path;

    /**
     * @param path     the refused path as given
     * @param reasonRu why, in Russian
     * @param reasonEn why, in English
     */
    public UnsafePathException(String path, String reasonRu, String reasonEn) {
        super(ErrorCode.UNSAFE_PATH,
                "Путь " + Texts.quote(path) + " отвергнут: " + reasonRu,
                "path " + Texts.quote(path) + " refused: " + reasonEn, null);
        this.path = path;
    }

    /** The refused path as given. */
    public String path() {
        return path;
    }
}
