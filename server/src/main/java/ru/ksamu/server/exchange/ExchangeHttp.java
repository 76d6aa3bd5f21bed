package ru.ksamu.server.exchange;

import java.net.http.HttpClient;
import org.springframework.stereotype.Component;

/**
 * The one place where the HTTP client of "HTTP-обмен" tasks is built: one client for the server's
 * life (its connection pool is shared by all exchange runs).
 *
 * <p>Proxy: the clinic's proxy settings (the server's hub proxy, issue 23's point D, on its own
 * branch) are not wired yet; when they are, this builder gets {@code .proxy(...)} and
 * {@code .authenticator(...)} from them, and nothing else of the exchanges changes.
 */
@Component
class ExchangeHttp {

    private final HttpClient client;

    ExchangeHttp(ExchangeSettings settings) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Same-scheme redirects only: an https exchange is never silently moved to plain http.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    HttpClient client() {
        return client;
    }
}
