package ru.ksamu.server.update;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.net.InvalidProxyException;
import ru.ksamu.release.net.ProxySetting;

/**
 * {@code ksamu.update.*}: where the cloud is and whom to trust.
 *
 * @param hubUrl         the hub (the cloud), e.g. {@code https://cloud.example/}
 * @param region         this clinic's region code ("09"), or empty when releases for all regions only
 * @param releaseKeys    the vendor's pinned release public keys: a {@code .pub} line or a path to it
 * @param hubKeys        the hub's pinned feed public keys, the same way
 * @param requestTimeout how long one request to the hub may take: the whole feed check (connect, answer, body)
 *                       and a statistics report; a release file has no overall limit, only {@code readTimeout}
 * @param readTimeout    how long a call to the hub may go without progress (connecting, or fewer than
 *                       1 KiB of the answer arriving) before it is cut
 * @param downloadLimitPerSecond the most a release download may take of the clinic's line, per second
 *                       ({@code 0} = no limit), e.g. {@code 2MB}
 * @param proxy          the HTTP proxy every call to the hub goes through: empty (direct), {@code system} (the JVM's
 *                       proxy selector) or {@code http://[user[:password]@]host:port}; see {@link ProxySetting}.
 *                       Never printed: {@link #toString()} masks its password
 * @see ru.ksamu.server.maintenance.MaintenanceSettings the countdown ({@code ksamu.update.countdown})
 * @see ru.ksamu.server.databases.MainBaseSettings the lock and the backup ({@code ksamu.update.backup}, {@code lock-roles})
 */
@ConfigurationProperties("ksamu.update")
public record UpdateSettings(@DefaultValue("http://127.0.0.1:8090") String hubUrl, @DefaultValue("") String region,
                             @DefaultValue List<String> releaseKeys, @DefaultValue List<String> hubKeys,
                             @DefaultValue("30s") Duration requestTimeout, @DefaultValue("30s") Duration readTimeout,
                             @DefaultValue("0") DataSize downloadLimitPerSecond, @DefaultValue("") String proxy) {

    /** The proxy setting's key, for messages. */
    public static final String PROXY_KEY = "ksamu.update.proxy";

    public UpdateSettings {
        try {
            URI uri = URI.create(hubUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("ksamu.update.hub-url", hubUrl,
                    "нужен адрес вида https://хост[:порт]", "expected an http(s) URL");
        }
        hubUrl = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
        region = region == null ? "" : region.strip();
        if (!region.isEmpty() && !region.matches("\\d{2,3}")) {
            throw new InvalidSettingException("ksamu.update.region", region,
                    "код региона — 2–3 цифры, например 09", "a region code is 2-3 digits, e.g. 09");
        }
        releaseKeys = releaseKeys == null ? List.of() : List.copyOf(releaseKeys);
        hubKeys = hubKeys == null ? List.of() : List.copyOf(hubKeys);
        if (downloadLimitPerSecond.isNegative()) {
            throw new InvalidSettingException("ksamu.update.download-limit-per-second", downloadLimitPerSecond.toString(),
                    "не может быть отрицательным", "must not be negative");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new InvalidSettingException("ksamu.update.request-timeout", requestTimeout.toString(),
                    "должно быть больше нуля", "must be positive");
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidSettingException("ksamu.update.read-timeout", readTimeout.toString(),
                    "должно быть больше нуля (и меньше 24 суток)", "must be positive (and under 24 days)");
        }
        proxy = proxy == null ? "" : proxy.strip();
        proxySetting(proxy);
    }

    /** The parsed proxy (checked at construction). */
    public ProxySetting proxySetting() {
        return proxySetting(proxy);
    }

    private static ProxySetting proxySetting(String proxy) {
        try {
            return ProxySetting.parse(PROXY_KEY, proxy);
        } catch (InvalidProxyException e) {
            // its input is the value with the password masked
            throw new InvalidSettingException(PROXY_KEY, e.input(), e.reasonRu(), e.reasonEn());
        }
    }

    @Override
    public String toString() {
        return "UpdateSettings[hubUrl=" + hubUrl + ", region=" + region + ", releaseKeys=" + releaseKeys
                + ", hubKeys=" + hubKeys + ", requestTimeout=" + requestTimeout + ", readTimeout=" + readTimeout
                + ", downloadLimitPerSecond=" + downloadLimitPerSecond + ", proxy=" + ProxySetting.masked(proxy) + "]";
    }

    /** Bytes per second a download may use, 0 for no limit. */
    public long downloadLimit() {
        return downloadLimitPerSecond.toBytes();
    }
}
