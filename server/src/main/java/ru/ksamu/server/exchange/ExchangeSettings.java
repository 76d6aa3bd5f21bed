package ru.ksamu.server.exchange;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.net.InvalidProxyException;
import ru.ksamu.release.net.ProxySetting;

/**
 * {@code ksamu.exchange.*}: limits of the exchange task types ("Внешняя программа", "HTTP-обмен").
 *
 * @param killGrace         how long a stopped or timed-out program and its children have to end
 *                          after the polite signal before they are killed
 * @param maxLogLines       a program's output lines written to the run log per run (the rest is counted)
 * @param connectTimeout    how long an HTTP exchange may take to connect
 * @param maxAnswerSize     the largest answer an HTTP exchange accepts and saves
 * @param retryDelay        the wait before an HTTP exchange's second try; it doubles for each further try
 * @param retryMaxDelay     the longest wait between two tries
 * @param proxy             the HTTP proxy HTTP exchanges go through: empty (direct), {@code system} or
 *                          {@code http://[user[:password]@]host:port}; the packaged configuration sets it
 *                          to {@code ksamu.update.proxy}, so the clinic's proxy to the hub serves them too
 */
@ConfigurationProperties("ksamu.exchange")
record ExchangeSettings(@DefaultValue("5s") Duration killGrace, @DefaultValue("10000") int maxLogLines,
                        @DefaultValue("10s") Duration connectTimeout, @DefaultValue("100MB") DataSize maxAnswerSize,
                        @DefaultValue("5s") Duration retryDelay, @DefaultValue("5m") Duration retryMaxDelay,
                        @DefaultValue("") String proxy) {

    static final String PROXY_KEY = "ksamu.exchange.proxy";

    ExchangeSettings {
        positive("ksamu.exchange.kill-grace", killGrace);
        positive("ksamu.exchange.connect-timeout", connectTimeout);
        positive("ksamu.exchange.retry-delay", retryDelay);
        positive("ksamu.exchange.retry-max-delay", retryMaxDelay);
        if (maxLogLines < 0 || maxLogLines > 1_000_000) {
            throw new InvalidSettingException("ksamu.exchange.max-log-lines", Integer.toString(maxLogLines),
                    "от 0 до 1000000", "from 0 to 1000000");
        }
        if (maxAnswerSize.toBytes() < 1 || maxAnswerSize.toGigabytes() > 10) {
            throw new InvalidSettingException("ksamu.exchange.max-answer-size", maxAnswerSize.toString(),
                    "от 1 байта до 10 ГБ", "from 1 byte to 10GB");
        }
        proxy = proxy == null ? "" : proxy.strip();
        proxySetting(proxy);
    }

    /** The parsed proxy (checked at construction: a bad value stops start-up naming the key, the password masked). */
    ProxySetting proxySetting() {
        return proxySetting(proxy);
    }

    private static ProxySetting proxySetting(String value) {
        try {
            return ProxySetting.parse(PROXY_KEY, value);
        } catch (InvalidProxyException e) {
            throw new InvalidSettingException(PROXY_KEY, e.input(), e.reasonRu(), e.reasonEn());
        }
    }

    @Override
    public String toString() {
        return "ExchangeSettings[killGrace=" + killGrace + ", maxLogLines=" + maxLogLines + ", connectTimeout="
                + connectTimeout + ", maxAnswerSize=" + maxAnswerSize + ", retryDelay=" + retryDelay
                + ", retryMaxDelay=" + retryMaxDelay + ", proxy=" + ProxySetting.masked(proxy) + "]";
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(key, d.toString(), "должно быть больше нуля", "must be positive");
        }
    }
}
