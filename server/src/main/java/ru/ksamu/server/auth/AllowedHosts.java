package ru.ksamu.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.server.web.ServerProblem;

/**
 * Answers only requests addressed to this server by one of its names. A web page in a clinic
 * browser can point a name of its own at the server's address (DNS rebinding) and then read the
 * server as if it were its own site; the {@code Host} header still carries the page's name, so
 * such a request is refused (400 {@code HOST_NOT_ALLOWED}). Allowed: the loopback names, this
 * machine's host names and every address of its interfaces, and {@code ksamu.allowed-hosts}
 * (further names, e.g. a DNS alias the clinic gave the server; {@code *} turns the check off).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AllowedHosts extends OncePerRequestFilter {

    static final String KEY = "ksamu.allowed-hosts";
    private static final Logger log = LoggerFactory.getLogger(AllowedHosts.class);
    private static final int MAX_WARNED = 100;

    private final Set<String> allowed;
    private final boolean any;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    AllowedHosts(@Value("${" + KEY + ":}") String configured) {
        Set<String> names = new TreeSet<>(List.of("localhost", "127.0.0.1", "::1"));
        boolean star = false;
        for (String c : configured.split(",")) {
            String name = c.strip().toLowerCase(Locale.ROOT);
            if (name.equals("*")) {
                star = true;
            } else if (!name.isEmpty()) {
                if (!name.matches("[a-z0-9.:\\-\\[\\]_]+")) {
                    throw new InvalidSettingException(KEY, c, "имя сервера: латинские буквы, цифры, '.', '-', ':'",
                            "a host name: letters, digits, '.', '-', ':'");
                }
                names.add(bare(name));
            }
        }
        names.addAll(machineNames());
        this.allowed = Collections.unmodifiableSet(names);
        this.any = star;
        log.info("Answering requests for host names {}{}", allowed, any ? " and any other (ksamu.allowed-hosts: *)" : "");
    }

    /** This machine's names and the addresses of its interfaces, as far as they can be known. */
    private static Set<String> machineNames() {
        Set<String> out = new TreeSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            out.add(local.getHostName().toLowerCase(Locale.ROOT));
            out.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            log.warn("This machine's host name could not be read ({}); add it to {} if clients use it", e.getMessage(), KEY);
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    out.add(bare(a.getHostAddress().toLowerCase(Locale.ROOT)));
                }
            }
        } catch (SocketException e) {
            log.warn("This machine's addresses could not be listed ({})", e.getMessage());
        }
        return out;
    }

    /** A host without brackets, IPv6 zone, or trailing dot. */
    private static String bare(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int zone = h.indexOf('%');
        h = zone >= 0 ? h.substring(0, zone) : h;
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The host of a Host header: {@code name}, {@code name:port}, {@code [v6]:port}. */
    static String hostOf(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : bare(h.substring(0, end + 1));
        }
        int colon = h.indexOf(':');
        // More than one colon: a bare IPv6 address without brackets.
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? bare(h.substring(0, colon)) : bare(h);
    }

    boolean allows(String hostHeader) {
        return any || hostHeader == null || allowed.contains(hostOf(hostHeader));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String header = req.getHeader("Host");
        if (allows(header)) {
            chain.doFilter(req, res);
            return;
        }
        String host = hostOf(header);
        host = host.length() > 100 ? host.substring(0, 100) + "…" : host;
        if (warned.size() < MAX_WARNED && warned.add(host)) {
            log.warn("Refused a request for host name '{}' from {}: not one of this server's names (add it to {} if"
                    + " clients really use it)", host, req.getRemoteAddr(), KEY);
        }
        ServerProblem.HOST_NOT_ALLOWED.problem("Сервер КСАМУ не отвечает на имя «" + host + "»: разрешённые имена задаёт"
                + " настройка " + KEY, "the KSAMU server does not answer to the name '" + host + "': the allowed names are"
                + " set by " + KEY).write(req, res);
    }
}
