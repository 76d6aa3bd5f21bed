package ru.ksamu.hub.files;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import ru.ksamu.hub.HubRefusal;
import ru.ksamu.platform.files.FileRanges;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.Sha256;

/**
 * {@code GET /api/v1/files/{sha256}}: a release file by its hash. The content of a hash never
 * changes, so the answer is cacheable for a year, its ETag is the hash, and Spring MVC answers
 * {@code If-None-Match} (304) and single or multiple {@code Range}s (206) for a
 * {@link Resource} body, streaming from disk. A {@code Range} it cannot satisfy is answered here:
 * 416 with {@code Content-Range: bytes *}{@code /<length>} and no body.
 */
@RestController
class FilesController {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final BlobStore blobs;

    FilesController(BlobStore blobs) {
        this.blobs = blobs;
    }

    @GetMapping("/api/v1/files/{sha256}")
    ResponseEntity<Resource> file(@PathVariable String sha256, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                                  WebRequest request) {
        if (!Sha256.isHex(sha256)) {
            throw new FileRefusal(400, ErrorCode.INVALID_ARGUMENT,
                    "Неверный SHA-256 \"" + abbreviate(sha256) + "\": нужно 64 строчные шестнадцатеричные цифры",
                    "invalid SHA-256 \"" + abbreviate(sha256) + "\": expected 64 lowercase hex digits");
        }
        Resource file = blobs.servable(sha256).<Resource>map(FileSystemResource::new)
                .orElseThrow(() -> new FileRefusal(404, ErrorCode.RELEASE_NOT_FOUND,
                        "Файла " + sha256 + " нет на хабе", "no file " + sha256 + " on this hub"));
        OptionalLong unsatisfiable = FileRanges.unsatisfiable(range, file);
        if (unsatisfiable.isPresent() && !request.checkNotModified(sha256)) {
            // Spring MVC would answer this 416 with the whole file as its body; it gets none.
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + unsatisfiable.getAsLong())
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .eTag(sha256)
                    .cacheControl(IMMUTABLE)
                    .build();
        }
        // A matching If-None-Match is answered 304 by Spring MVC from the ETag, as before.
        return ResponseEntity.ok()
                .eTag(sha256)
                .cacheControl(IMMUTABLE)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(file);
    }


    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** A request for a file that is malformed or unknown. */
    static final class FileRefusal extends HubRefusal {
        FileRefusal(int status, ErrorCode code, String russian, String english) {
            super(code, status, russian, english);
        }
    }
}
