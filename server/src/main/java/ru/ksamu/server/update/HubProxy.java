package ru.ksamu.server.update;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import ru.ksamu.release.net.ProxiedConnection;
import ru.ksamu.release.net.ProxySetting;

/**
 * {@link HubHttp}'s way through {@code ksamu.update.proxy}: how a connection is opened through it
 * with its credentials, and the Russian reasons when the proxy, not the hub, answered. Its
 * credentials go to a plain-HTTP hub as a {@code Proxy-Authorization} header on every request (so
 * a request with a body needs no second try), and to an HTTPS hub's {@code CONNECT} through an
 * {@link java.net.Authenticator} set on that connection, which answers that proxy only. No message
 * holds the password.
 */
final class HubProxy {

    /** The JDK's switch for Basic authentication to a proxy's HTTPS tunnel ({@code Basic} = refused, its default). */
    static final String TUNNELING_DISABLED_SCHEMES = ProxiedConnection.TUNNELING_DISABLED_SCHEMES;
    /** How much of an HTML answer is read to say what came back. */
    private static final int HTML_PEEK_BYTES = 4096;
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    private final ProxySetting proxy;

    HubProxy(ProxySetting proxy) {
        this.proxy = proxy;
    }

    ProxySetting setting() {
        return proxy;
    }

    /** A connection to {@code url} through the proxy (or direct); {@code Opened.via} names the proxy, null for direct. */
    Opened open(URL url) throws IOException {
        ProxiedConnection opened = ProxiedConnection.open(proxy, url);
        return new Opened(opened.connection(), opened.via());
    }

    /** An opened connection and the proxy it goes through ({@code http://host:port}), or null. */
    record Opened(HttpURLConnection connection, String via) {
    }

    /** Whether this JVM refuses Basic for a proxy's HTTPS tunnel (the JDK's default). */
    static boolean tunnelingBasicDisabled() {
        return ProxiedConnection.tunnelingBasicDisabled();
    }

    /** Whether the start-up log should warn that an https hub cannot pass this proxy's password. */
    boolean httpsNeedsTunnelingOption() {
        return proxy.hasCredentials() && tunnelingBasicDisabled();
    }

    /**
     * Why an answer that came through the proxy is not the hub's, or null: a refused login (407,
     * or tinyproxy's 401 page for a wrong password: the hub's own 401s are never HTML).
     */
    String refusedLogin(String via, int status, HttpHeaders headers) {
        MediaType type = headers.getContentType();
        if (!ProxiedConnection.loginRefused(via, status, type == null ? null : type.toString())) {
            return null;
        }
        return "Прокси " + shown(via) + " отклонил вход ("
                + (status == 407 ? "407 Proxy Authentication Required" : "HTTP " + status + " со страницей прокси") + "): "
                + (proxy.hasCredentials() ? "проверьте пользователя и пароль в " + UpdateSettings.PROXY_KEY
                : "прокси требует пароль, укажите http://пользователь:пароль@хост:порт в " + UpdateSettings.PROXY_KEY);
    }

    /** No answer of the hub is a web page: an HTML one came from something in between (or a wrong address). */
    static boolean isHtml(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null && (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML));
    }

    /** The refusal of an HTML answer: who sent it, what it was (its title), what was asked; nothing is kept. */
    String htmlInstead(String via, String what, int status, HttpHeaders headers, InputStream body) {
        String shown = htmlShown(body);
        String came = "HTML-страницу (HTTP " + status + ", " + headers.getContentType()
                + (shown.isEmpty() ? "" : ", «" + shown + "»") + ")";
        return via == null
                ? "Облако вернуло " + came + " вместо ответа API (запрашивали " + what
                + "): ответ отклонён, ничего не сохранено; проверьте адрес облака"
                : "Прокси " + shown(via) + " (" + UpdateSettings.PROXY_KEY + ") или облако за ним вернули " + came
                + " вместо ответа облака (запрашивали " + what + "): ответ отклонён, ничего не сохранено";
    }

    /** The page's title (or its first words), short and on one line. */
    private static String htmlShown(InputStream in) {
        byte[] head;
        try {
            head = in.readNBytes(HTML_PEEK_BYTES);
        } catch (IOException e) {
            return "";
        }
        String text = new String(head, StandardCharsets.UTF_8);
        Matcher title = TITLE.matcher(text);
        String shown = (title.find() ? title.group(1) : text.replaceAll("(?s)<[^>]*>", " "))
                .replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return shown.length() > 120 ? shown.substring(0, 120) + "…" : shown;
    }

    /** A failed call through the proxy in words, or null when the failure is not the proxy's. */
    HubCallFailedException failed(String via, IOException e) {
        if (via == null) {
            return null;
        }
        String m = e.getMessage();
        if (m != null && m.startsWith("Unable to tunnel") && m.contains(" 407")) {
            // an HTTPS hub: the proxy refused the CONNECT ("Unable to tunnel through proxy. Proxy returns ... 407")
            return new HubCallFailedException(refusedLogin(via, 407, HttpHeaders.EMPTY) + (httpsNeedsTunnelingOption()
                    ? "; для облака по https через прокси с паролем Java нужен параметр -D" + TUNNELING_DISABLED_SCHEMES
                    + "= (KSAMU_JAVA_OPTS)" : ""), e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return new HubCallFailedException("Прокси " + shown(via) + " недоступен (" + UpdateSettings.PROXY_KEY + "): "
                    + e.getClass().getSimpleName() + (m == null ? "" : " " + m), e);
        }
        return null;
    }

    /** The proxy of a call in messages: its address, and for {@code system} where it came from. */
    private String shown(String via) {
        return proxy.kind() == ProxySetting.Kind.SYSTEM ? via + " (system)" : via;
    }
}
