package ru.ksamu.release.feed;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import ru.ksamu.release.Version;

/**
 * Chooses the release a server should install from a verified feed. This is the rule the
 * server's update engine applies; it is a pure function of its arguments.
 */
public final class ReleasePicker {

    private ReleasePicker() {
    }

    /**
     * The newest release that is
     * <ul>
     *   <li>strictly newer than the installed version (never the same, never a downgrade);</li>
     *   <li>for all regions, or for the server's region, unless {@code ignoreRegions} (a server
     *       without a region takes only releases for all regions);</li>
     *   <li>installable from the installed version: its {@code minFromVersion}, if any, is at most
     *       the installed version (so an older release without that bound can be a stepping
     *       stone). With nothing installed, the bound does not apply.</li>
     * </ul>
     *
     * @param feed          a feed accepted by {@link FeedVerifier}
     * @param installed     the installed version, empty if nothing is installed
     * @param region        the server's region code, if it has one
     * @param ignoreRegions the update task's "ignore update by regions" switch
     * @return the release to install, or empty when there is none
     */
    public static Optional<FeedRelease> pick(ChannelFeed feed, Optional<Version> installed, Optional<String> region,
                                             boolean ignoreRegions) {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(region, "region");
        return feed.releases().stream()
                .filter(release -> installed.map(release.version()::isNewerThan).orElse(true))
                .filter(release -> ignoreRegions || release.manifest().isForRegion(region))
                .filter(release -> installed.isEmpty() || release.minFromVersion()
                        .map(min -> installed.get().compareTo(min) >= 0).orElse(true))
                .max(Comparator.comparing(FeedRelease::version));
    }
}
