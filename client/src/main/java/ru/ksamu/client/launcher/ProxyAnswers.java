package ru.ksamu.client.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.Texts;
import ru.ksamu.release.net.ProxySetting;

/**
 * What the proxy (or something in between) did instead of letting the server answer, in words:
 * a refused login (407, or tinyproxy's 401 page), a proxy that cannot be reached, and an HTML
 * page where the server's API answers JSON (a captive portal). None of them names the password.
 */
final class ProxyAnswers {

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    private ProxyAnswers() {
    }

    /** Why this answer is not the server's, or null when it may be. */
    static String refusal(ProxySetting proxy, HttpResponse<?> r, String body, Texts texts) {
        boolean html = r.headers().firstValue("Content-Type").map(t -> t.toLowerCase(Locale.ROOT))
                .filter(t -> t.startsWith("text/html") || t.startsWith("application/xhtml")).isPresent();
        if (!proxy.direct() && (r.statusCode() == 407 || (r.statusCode() == 401 && html))) {
            return texts.get("net.proxyRefused", proxy.display(), "HTTP " + r.statusCode(), ServerAccess.PROXY_OPTION,
                    ServerAccess.ENV_PROXY);
        }
        if (html) {
            String shown = shown(body);
            return proxy.direct() ? texts.get("net.html", r.statusCode(), shown)
                    : texts.get("net.htmlProxy", r.statusCode(), shown, proxy.display());
        }
        return null;
    }

    /** Why a call failed: through a proxy, a connection that could not be made names the proxy. */
    static String reason(ProxySetting proxy, IOException e, Texts texts) {
        if (!proxy.direct() && (e instanceof ConnectException || e instanceof UnknownHostException)) {
            return texts.get("net.proxyUnreachable", proxy.display(), ServerAccess.PROXY_OPTION, texts.reason(e));
        }
        return texts.reason(e);
    }

    /** The page's title, or its first words, on one line. */
    static String shown(String html) {
        Matcher m = TITLE.matcher(html);
        String s = (m.find() ? m.group(1) : html.replaceAll("(?s)<[^>]*>", " ")).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
