package ru.ksamu.hub.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Who may read {@code /actuator/prometheus}: a caller on a loopback address
 * ({@link InetAddress#isLoopbackAddress()}: all of 127.0.0.0/8 and ::1), or one that presents
 * {@code Authorization: Bearer <ksamu.metrics.token>}. The address is the request's remote address,
 * which names the client behind a reverse proxy only when {@code server.forward-headers-strategy}
 * says the proxy's headers are trusted; a proxy on the same machine without it makes every caller
 * look local.
 */
final class MetricsAccess {

    private static final String BEARER = "Bearer ";
    /** IPv4 dotted or anything with a colon (IPv6): parsed without a name lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");

    private final byte[] token;

    /** @param token the metrics token, empty for none (loopback only) */
    MetricsAccess(String token) {
        this.token = token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean hasToken() {
        return token != null;
    }

    /**
     * @param remoteAddress the caller's address as the servlet request gives it
     * @param authorization the {@code Authorization} header, or null
     */
    boolean allows(String remoteAddress, String authorization) {
        return isLoopback(remoteAddress) || presentsToken(authorization);
    }

    private boolean presentsToken(String authorization) {
        if (token == null || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.isEmpty() || !IP_LITERAL.matcher(a).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
