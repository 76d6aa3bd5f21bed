package ru.ksamu.platform.files;

import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpRange;

/**
 * The one rule for a {@code Range} a file cannot serve (malformed, or outside the file). Spring MVC
 * answers such a request 416 but still writes the whole file as the body; the hub's and the
 * server's file endpoints ask here first and answer 416 with {@code Content-Range: bytes *}{@code /<length>}
 * and no body.
 */
public final class FileRanges {

    private FileRanges() {
    }

    /**
     * The file's length when this Range cannot be served, by Spring MVC's own test; empty when there
     * is no Range, it can be served, or the file's length cannot be read (Spring answers that as before).
     */
    public static OptionalLong unsatisfiable(String range, Resource file) {
        if (range == null) {
            return OptionalLong.empty();
        }
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), file);
            return OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            try {
                return OptionalLong.of(file.contentLength());
            } catch (IOException io) {
                return OptionalLong.empty();
            }
        }
    }
}
