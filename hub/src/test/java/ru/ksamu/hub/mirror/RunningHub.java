package ru.ksamu.hub.mirror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;
import tools.jackson.databind.JsonNode;

/** A real hub in this JVM on a free port, on its own H2 file: a vendor hub, or a mirror of another. */
final class RunningHub implements AutoCloseable {

    final Path dataDir;
    final ConfigurableApplicationContext context;
    final HubHttp http;

    private RunningHub(Path dataDir, List<String> extra) {
        this.dataDir = dataDir;
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dataDir,
                "--ksamu.hub.publish-tokens=" + TestHub.TOKEN, "--ksamu.hub.release-keys=" + TestHub.VENDOR.trustedKey().toText(),
                "--ksamu.hub.feed.max-releases=1000"));
        args.addAll(extra);
        this.context = HubApplication.builder().run(args.toArray(String[]::new));
        this.http = new HubHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** @param database the hub database's arguments; none: the embedded H2 under the data folder */
    static RunningHub vendor(Path dataDir, List<String> database) {
        return new RunningHub(dataDir, database);
    }

    /** A mirror of {@code upstream} pinning {@code upstreamKey}, syncing every {@code interval}. */
    static RunningHub mirror(Path dataDir, List<String> database, String upstream, String upstreamKey, String interval) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--ksamu.hub.upstream=" + upstream, "--ksamu.hub.upstream-keys=" + upstreamKey,
                "--ksamu.hub.upstream-interval=" + interval, "--ksamu.hub.upstream-read-timeout=10s"));
        return new RunningHub(dataDir, args);
    }

    String url() {
        return http.base();
    }

    /** This hub's feed key as served at /api/v1/keys/hub (one line). */
    String feedKeyText() {
        return new String(http.get("/api/v1/keys/hub").body(), StandardCharsets.UTF_8).strip();
    }

    TrustedKeys feedKeys() {
        return TrustedKeys.of(TrustedKey.parse(feedKeyText(), "test"));
    }

    /** The {@code upstream} health component with details (a publisher may see them). */
    JsonNode upstreamHealth() {
        return http.get("/actuator/health", "Authorization", "Bearer " + TestHub.TOKEN).json().path("components")
                .path("upstream");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
