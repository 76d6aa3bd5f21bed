package ru.ksamu.hub.mirror;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code upstream} health of a mirror: UP when a sync that left nothing missing started within
 * {@value UpstreamSettings#STALE_AFTER_INTERVALS} intervals; otherwise DOWN, so that a mirror that
 * falls behind shows it. Details (for a publisher token): the upstream, the last attempt and
 * success, the last error (Russian, naming the upstream, then English), the versions offered
 * upstream that this hub lacks.
 */
final class UpstreamHealth implements HealthIndicator {

    private final MirrorStatus status;
    private final UpstreamSettings settings;
    private final Clock clock;

    UpstreamHealth(MirrorStatus status, UpstreamSettings settings, Clock clock) {
        this.status = status;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Health health() {
        MirrorStatus.Snapshot s = status.snapshot();
        Duration staleAfter = settings.upstreamInterval().multipliedBy(UpstreamSettings.STALE_AFTER_INTERVALS);
        Instant now = clock.instant();
        boolean recent = s.lastSuccess() != null && s.lastSuccess().plus(staleAfter).isAfter(now);
        Health.Builder health = recent && s.missing().isEmpty() ? Health.up() : Health.down();
        health.withDetail("upstream", settings.upstream())
                .withDetail("staleAfter", staleAfter.toString())
                .withDetail("lastAttempt", String.valueOf(s.lastAttempt()))
                .withDetail("lastSuccess", String.valueOf(s.lastSuccess()))
                .withDetail("offered", s.offered())
                .withDetail("missing", s.missing());
        if (s.errorRussian() != null) {
            health.withDetail("lastError", s.errorRussian()).withDetail("lastErrorEnglish", s.errorEnglish());
        }
        if (!recent && s.lastSuccess() != null) {
            health.withDetail("behind", "последняя успешная синхронизация " + s.lastSuccess() + " старше " + staleAfter
                    + " / the last successful sync is older than " + staleAfter);
        }
        return health.build();
    }
}
