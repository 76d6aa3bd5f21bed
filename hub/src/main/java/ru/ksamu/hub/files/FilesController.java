package ru.ksamu.hub.files;

import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.hub.HubRefusal;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.Sha256;

/**
 * {@code GET /api/v1/files/{sha256}}: a release file by its hash. The content of a hash never
 * changes, so the answer is cacheable for a year, its ETag is the hash, and Spring MVC answers
 * {@code If-None-Match} (304) and single or multiple {@code Range}s (206, 416) for a
 * {@link Resource} body, streaming from disk.
 */
@RestController
class FilesController {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final BlobStore blobs;

    FilesController(BlobStore blobs) {
        this.blobs = blobs;
    }

    @GetMapping("/api/v1/files/{sha256}")
    ResponseEntity<Resource> file(@PathVariable String sha256) {
        if (!Sha256.isHex(sha256)) {
            throw new FileRefusal(400, ErrorCode.INVALID_ARGUMENT,
                    "Неверный SHA-256 \"" + abbreviate(sha256) + "\": нужно 64 строчные шестнадцатеричные цифры",
                    "invalid SHA-256 \"" + abbreviate(sha256) + "\": expected 64 lowercase hex digits");
        }
        return blobs.servable(sha256)
                .map(path -> ResponseEntity.ok()
                        .eTag(sha256)
                        .cacheControl(IMMUTABLE)
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .<Resource>body(new FileSystemResource(path)))
                .orElseThrow(() -> new FileRefusal(404, ErrorCode.RELEASE_NOT_FOUND,
                        "Файла " + sha256 + " нет на хабе", "no file " + sha256 + " on this hub"));
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
