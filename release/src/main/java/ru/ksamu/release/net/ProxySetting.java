package ru.ksamu.release.net;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A proxy setting: empty (direct connections), {@code system} (the JVM's proxy selector: the
 * {@code http.proxyHost} / {@code https.proxyHost} / {@code http.nonProxyHosts} properties, and the
 * operating system's settings when the JVM runs with {@code -Djava.net.useSystemProxies=true}), or
 * {@code http://[user[:password]@]host:port} (user and password percent-encoded, e.g. {@code %40}
 * for {@code @}). The password is never shown: {@link #toString()}, {@link #display()} and every
 * refusal leave it out.
 */
public final class ProxySetting {

    /** The system's proxy selector, by its setting value. */
    public static final String SYSTEM = "system";
    /** No proxy. */
    public static final ProxySetting DIRECT = new ProxySetting(Kind.DIRECT, null, 0, null, null);

    /** Which way connections go. */
    public enum Kind { DIRECT, SYSTEM, HTTP }

    private final Kind kind;
    private final String host;
    private final int port;
    private final String user;
    private final char[] password;

    private ProxySetting(Kind kind, String host, int port, String user, char[] password) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Parses a setting.
     *
     * @param name  the setting's name, for the refusal ({@code ksamu.update.proxy}, {@code --proxy})
     * @param value the value; null or blank means direct
     * @throws InvalidProxyException naming the setting and the value with its password masked
     */
    public static ProxySetting parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return DIRECT;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(SYSTEM)) {
            return new ProxySetting(Kind.SYSTEM, null, 0, null, null);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw refused(name, v, "не адрес вида http://[пользователь[:пароль]@]хост:порт",
                    "not an address like http://[user[:password]@]host:port");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw refused(name, v, "нужен адрес прокси вида http://[пользователь[:пароль]@]хост:порт или system",
                    "expected http://[user[:password]@]host:port or system");
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
            throw refused(name, v, "нужны хост и порт прокси (1–65535), например http://proxy.clinic:3128",
                    "the proxy's host and port (1-65535) are required, e.g. http://proxy.clinic:3128");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(name, v, "у адреса прокси не бывает пути и параметров, только хост и порт",
                    "a proxy address has no path or query, only host and port");
        }
        String user = null;
        char[] password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            try {
                user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
                password = colon < 0 ? null
                        : URLDecoder.decode(info.substring(colon + 1).replace("+", "%2B"), StandardCharsets.UTF_8).toCharArray();
            } catch (IllegalArgumentException e) {
                throw refused(name, v, "неверная %-последовательность в пользователе или пароле (например, @ пишется %40)",
                        "a bad %-escape in the user or the password (e.g. write @ as %40)");
            }
            if (user.isEmpty()) {
                throw refused(name, v, "пароль без пользователя", "a password without a user");
            }
        }
        return new ProxySetting(Kind.HTTP, uri.getHost(), uri.getPort(), user, password);
    }

    private static InvalidProxyException refused(String name, String value, String ru, String en) {
        return new InvalidProxyException(name, masked(value), ru, en);
    }

    /**
     * The value with the password of its address (between {@code user:} and {@code @}) replaced
     * by {@code ***}: for messages and the start-up settings log.
     */
    public static String masked(String value) {
        if (value == null) {
            return null;
        }
        return value.replaceAll("(?i)(://[^/@:\\s]*:)[^/\\s]*@", "$1***@");
    }

    public Kind kind() {
        return kind;
    }

    public boolean direct() {
        return kind == Kind.DIRECT;
    }

    /** The proxy's host (only for {@link Kind#HTTP}). */
    public String host() {
        return host;
    }

    /** The proxy's port (only for {@link Kind#HTTP}). */
    public int port() {
        return port;
    }

    /** The user, when the address names one. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** Whether calls carry credentials for the proxy. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** The proxy as messages name it: {@code http://host:port}, {@code system}, or empty for direct. */
    public String display() {
        return switch (kind) {
            case DIRECT -> "";
            case SYSTEM -> SYSTEM;
            case HTTP -> "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        };
    }

    /** The proxy a call to {@code target} goes through ({@link Proxy#NO_PROXY} for direct). */
    public Proxy proxyFor(URI target) {
        return switch (kind) {
            case DIRECT -> Proxy.NO_PROXY;
            case HTTP -> new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
            case SYSTEM -> {
                ProxySelector selector = ProxySelector.getDefault();
                List<Proxy> proxies = selector == null ? List.of() : selector.select(target);
                yield proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
            }
        };
    }

    /** The selector for the JDK's {@link HttpClient}. */
    public ProxySelector selector() {
        return switch (kind) {
            case DIRECT -> HttpClient.Builder.NO_PROXY;
            case HTTP -> ProxySelector.of(InetSocketAddress.createUnresolved(host, port));
            case SYSTEM -> ProxySelector.getDefault() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault();
        };
    }

    /**
     * The {@code Proxy-Authorization} value for a plain-HTTP request through this proxy (sent at
     * once, so a request with a body needs no second try), when it has credentials.
     */
    public Optional<String> basicAuthorization() {
        if (user == null) {
            return Optional.empty();
        }
        String pair = user + ":" + (password == null ? "" : new String(password));
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An authenticator that gives the credentials to this proxy only (a {@code PROXY} request for
     * its host and port), never to a server: for HTTPS through the proxy ({@code CONNECT}) and the
     * JDK's {@link HttpClient}. Empty without credentials.
     */
    public Optional<Authenticator> authenticator() {
        if (user == null || kind != Kind.HTTP) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY || getRequestingPort() != port
                        || !host.toLowerCase(Locale.ROOT).equals(String.valueOf(getRequestingHost()).toLowerCase(Locale.ROOT))) {
                    return null;
                }
                return new PasswordAuthentication(user, password == null ? new char[0] : password.clone());
            }
        });
    }

    /**
     * The setting as text again, password included (percent-encoded): only to hand it to a child
     * process's environment, never to print. {@code parse(name, settingValue())} gives an equal setting.
     */
    public String settingValue() {
        if (kind != Kind.HTTP || user == null) {
            return display();
        }
        return display().replace("http://", "http://" + encode(user)
                + (password == null ? "" : ":" + encode(new String(password))) + "@");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The proxy without its password, e.g. {@code http://nurse@proxy:3128}. */
    @Override
    public String toString() {
        return kind == Kind.HTTP && user != null ? display().replace("http://", "http://" + user + "@") : display();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySetting p && p.kind == kind && Objects.equals(p.host, host) && p.port == port
                && Objects.equals(p.user, user) && Arrays.equals(p.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, host, port, user);
    }
}
