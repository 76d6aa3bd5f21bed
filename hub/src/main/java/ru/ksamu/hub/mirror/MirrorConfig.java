package ru.ksamu.hub.mirror;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.hub.releases.MirroredReleases;
import ru.ksamu.release.feed.FeedVerifier;

/**
 * The mirror's beans, present only when {@code ksamu.hub.upstream} is set. Its feeds are signed by
 * this hub's own key ({@code ksamu.hub.feed.key-file}) as on any hub; uploads are refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${ksamu.hub.upstream:}'.trim() != ''")
class MirrorConfig {

    @Bean
    MirrorStatus mirrorStatus() {
        return new MirrorStatus();
    }

    @Bean
    MirrorSync mirrorSync(UpstreamSettings settings, MirroredReleases releases, BlobStore blobs, JdbcClient jdbc,
                          MirrorStatus status, Clock clock) {
        UpstreamClient client = new UpstreamClient(settings.upstream(), settings.proxy(), settings.upstreamConnectTimeout(),
                settings.upstreamReadTimeout());
        FeedVerifier verifier = new FeedVerifier(settings.feedKeys(), settings.vendorKeys().orElseThrow(), clock);
        return new MirrorSync(client, verifier, releases, blobs, jdbc, status, clock);
    }

    @Bean
    MirrorScheduler mirrorScheduler(MirrorSync sync, UpstreamSettings settings, MirrorStatus status, Clock clock) {
        return new MirrorScheduler(sync, settings, status, clock);
    }

    /** Named so that its contributor is {@code upstream} in {@code /actuator/health}. */
    @Bean
    UpstreamHealth upstreamHealthIndicator(MirrorStatus status, UpstreamSettings settings, Clock clock) {
        return new UpstreamHealth(status, settings, clock);
    }
}
