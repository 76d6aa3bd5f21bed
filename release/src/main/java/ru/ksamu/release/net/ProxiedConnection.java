package ru.ksamu.release.net;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;

/**
 * An {@link HttpURLConnection} opened through a {@link ProxySetting}, with the proxy's credentials
 * attached: to a plain-HTTP target as a {@code Proxy-Authorization} header on the request itself
 * (so a request with a body needs no second try), to an HTTPS target's {@code CONNECT} through an
 * {@link java.net.Authenticator} set on this connection only, which answers that proxy and never a
 * server. Shared by every program that calls a hub through a proxy (the clinic server, a regional
 * mirror); plain Java. No message holds the password.
 *
 * @param connection the connection, not yet connected
 * @param via        the proxy it goes through as messages name it ({@code http://host:port}), null for direct
 */
public record ProxiedConnection(HttpURLConnection connection, String via) {

    /** The JDK's switch for Basic authentication to a proxy's HTTPS tunnel ({@code Basic} = refused, its default). */
    public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** A connection to {@code url} through {@code proxy} (or direct). */
    public static ProxiedConnection open(ProxySetting proxy, URL url) throws IOException {
        Proxy p;
        try {
            p = proxy.proxyFor(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("неверный адрес " + url, e);
        }
        HttpURLConnection c = (HttpURLConnection) url.openConnection(p);
        String via = null;
        if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
            String host = a.getHostString();
            via = "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + a.getPort();
            if ("https".equalsIgnoreCase(url.getProtocol())) {
                proxy.authenticator().ifPresent(c::setAuthenticator);
            } else {
                proxy.basicAuthorization().ifPresent(value -> c.setRequestProperty("Proxy-Authorization", value));
            }
        }
        return new ProxiedConnection(c, via);
    }

    /**
     * Whether an answer that came through a proxy is the proxy refusing the login rather than the
     * target's: a 407, or tinyproxy's 401 page for a wrong password (a hub's own 401s are never HTML).
     *
     * @param via         the proxy the call went through, null for direct (then never)
     * @param contentType the answer's {@code Content-Type}, null when none
     */
    public static boolean loginRefused(String via, int status, String contentType) {
        return via != null && (status == 407 || (status == 401 && isHtml(contentType)));
    }

    /** Whether a {@code Content-Type} is a web page (no answer of a hub's API is). */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).strip();
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    /** Whether this JVM refuses Basic for a proxy's HTTPS tunnel (the JDK's default). */
    public static boolean tunnelingBasicDisabled() {
        String schemes = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        return schemes == null || schemes.toLowerCase(Locale.ROOT).contains("basic");
    }
}
