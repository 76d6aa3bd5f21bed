package ru.ksamu.hub.feeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.ksamu.release.Channel;

/**
 * {@code GET /api/v1/channels/{channel}/latest[?region=09]}: the channel's signed feed envelope
 * (docs/release-format.md, section 5), with an ETag so a server's repeated check costs a 304.
 * {@code /api/v1/feeds/{channel}} is the same feed under the path release-format.md suggests.
 * {@code GET /api/v1/keys/hub}: the public key that signs the feeds, in .pub form.
 */
@RestController
class FeedsController {

    private final FeedService feeds;
    private final HubKey key;
    private final MeterRegistry meters;

    FeedsController(FeedService feeds, HubKey key, MeterRegistry meters) {
        this.meters = meters;
        this.feeds = feeds;
        this.key = key;
    }

    @GetMapping({"/api/v1/channels/{channel}/latest", "/api/v1/feeds/{channel}"})
    ResponseEntity<byte[]> feed(@PathVariable String channel, @RequestParam Optional<String> region) {
        Channel parsed = Channel.parse(channel);
        // Counted after the parse, so the tag holds only real channel names.
        Counter.builder("ksamu.hub.feed.requests").description("Feed requests by channel")
                .tag("channel", parsed.wireName()).register(meters).increment();
        FeedService.Issued issued = feeds.current(parsed, region.filter(r -> !r.isEmpty()));
        return ResponseEntity.ok()
                .eTag(issued.etag())
                // Cacheable, but every use revalidates: the feed changes with every publish.
                .cacheControl(CacheControl.noCache().cachePublic())
                .contentType(MediaType.APPLICATION_JSON)
                .body(issued.envelope());
    }

    @GetMapping("/api/v1/keys/hub")
    ResponseEntity<byte[]> hubKey() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body((key.publicKey().toText() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
