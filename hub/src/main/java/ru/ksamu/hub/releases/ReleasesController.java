package ru.ksamu.hub.releases;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.hub.BadParameter;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/**
 * The release API (docs/release-format.md, section 7): publish a bundle zip, promote to stable,
 * withdraw (each needs a publisher token), list and inspect (open).
 */
@RestController
@RequestMapping("/api/v1/releases")
class ReleasesController {

    private final Uploads uploads;
    private final Publisher publisher;
    private final ReleaseRepository releases;

    /** The upstream hub when this hub is a mirror ({@code ksamu.hub.upstream}); empty otherwise. */
    private final String upstream;

    ReleasesController(Uploads uploads, Publisher publisher, ReleaseRepository releases,
                       @Value("${ksamu.hub.upstream:}") String upstream) {
        this.upstream = upstream.strip();
        this.uploads = uploads;
        this.publisher = publisher;
        this.releases = releases;
    }

    /** The body is the zip itself, read as a stream: checks that need no body come first. */
    @PostMapping
    ResponseEntity<ReleaseView.InChannel> publish(@RequestParam String channel, HttpServletRequest request)
            throws IOException {
        Channel target = Channel.parse(channel);
        refuseOnMirror();
        long declared = request.getContentLengthLong();
        uploads.checkDeclared(declared);
        Path zip = uploads.receive(request.getInputStream(), declared);
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(publisher.publish(zip, target));
        } finally {
            Uploads.discard(zip);
        }
    }

    /**
     * What a publish would be refused for before its body is sent: the token (by the security
     * chain), the channel and the declared size. The release CLI asks first, so that a refusal
     * costs no upload: JDK's HTTP client sends a whole body before it reads the answer.
     */
    @PostMapping("/check")
    UploadCheck check(@RequestParam String channel, @RequestParam long size) {
        Channel target = Channel.parse(channel);
        refuseOnMirror();
        if (size < 0) {
            // An upload's own -1 means "length unknown"; a question about a size must name one.
            throw new BadParameter("size", Long.toString(size), "нужен размер загрузки в байтах, от 0",
                    "expected the upload's size in bytes, from 0");
        }
        uploads.checkDeclared(size);
        return new UploadCheck(target.wireName(), size, uploads.limit());
    }

    /** The answer of {@link #check}: the upload would be taken. */
    record UploadCheck(String channel, long size, long maxUploadSize) {
    }

    @PostMapping("/{version}/promote")
    ReleaseView.InChannel promote(@PathVariable String version, @RequestParam String to) {
        refuseOnMirror();
        return publisher.promote(Version.parse(version), Channel.parse(to));
    }

    @PostMapping("/{version}/withdraw")
    ReleaseView.Withdrawn withdraw(@PathVariable String version) {
        refuseOnMirror();
        return publisher.withdraw(Version.parse(version));
    }

    @GetMapping
    List<ReleaseView.Summary> list() {
        return releases.list();
    }

    @GetMapping("/{version}")
    ReleaseView.Detail release(@PathVariable String version) {
        Version parsed = Version.parse(version);
        ReleaseView.Summary summary = releases.find(parsed)
                .orElseThrow(() -> new ReleaseRefusals.ReleaseNotFoundException(parsed));
        String keyId = releases.signatureOf(parsed).split(" ", 2)[0];
        return ReleaseView.Detail.of(summary, keyId, releases.files(parsed));
    }

    /** Before any body is read: a mirror's catalog follows its upstream only. */
    private void refuseOnMirror() {
        if (!upstream.isEmpty()) {
            throw new ReleaseRefusals.MirrorReadOnlyException(upstream);
        }
    }
}
