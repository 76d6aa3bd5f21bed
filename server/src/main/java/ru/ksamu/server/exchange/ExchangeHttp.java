package ru.ksamu.server.exchange;

import java.net.http.HttpClient;
import org.springframework.stereotype.Component;
import ru.ksamu.release.net.ProxySetting;

/**
 * The one place where the HTTP client of "HTTP-обмен" tasks is built: one client for the server's
 * life (its connection pool is shared by all exchange runs).
 *
 * <p>Proxy: {@code ksamu.exchange.proxy} (by default the clinic's {@code ksamu.update.proxy}). Its
 * credentials go through an authenticator that answers that proxy only, never a counterpart that
 * asks for a password. An HTTPS counterpart through a password proxy needs the JDK's tunnelling
 * switch, as the hub calls do (docs/architecture.md, "Proxy").
 */
@Component
class ExchangeHttp {

    private final HttpClient client;

    ExchangeHttp(ExchangeSettings settings) {
        ProxySetting proxy = settings.proxySetting();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .proxy(proxy.selector())
                // Same-scheme redirects only: an https exchange is never silently moved to plain http.
                .followRedirects(HttpClient.Redirect.NORMAL);
        proxy.authenticator().ifPresent(builder::authenticator);
        this.client = builder.build();
    }

    HttpClient client() {
        return client;
    }
}
