package ru.ksamu.client;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

/** The computer's name as the server's Клиенты tab shows it. */
public final class HostName {

    private HostName() {
    }

    /** The host name, else the environment's {@code HOSTNAME} or {@code COMPUTERNAME}, else empty. */
    public static String get(Map<String, String> env) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = env.get("HOSTNAME");
            return h == null ? env.getOrDefault("COMPUTERNAME", "") : h;
        }
    }
}
